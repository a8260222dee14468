package dev.provisioningstatus.benchmarks.query;

import dev.provisioningstatus.benchmarks.Benchmark;
import dev.provisioningstatus.benchmarks.Context;
import dev.provisioningstatus.benchmarks.Options;
import dev.provisioningstatus.benchmarks.lab.Events;
import dev.provisioningstatus.benchmarks.lab.Lab;
import dev.provisioningstatus.benchmarks.lab.Pause;
import dev.provisioningstatus.benchmarks.lab.ServiceJvm;
import dev.provisioningstatus.benchmarks.load.OpenLoad;
import dev.provisioningstatus.benchmarks.report.Latency;
import dev.provisioningstatus.benchmarks.report.Section;
import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Query cost under an open-model load (a constant arrival rate, latency from each request's
 * intended time): the workspace list and the details endpoint of the real gateway, with a small
 * and then a large view in its index, fed through {@code provisioning.status}. The measured
 * workspace has the same applications in both cases, so the difference is what the other
 * applications cost. Baseline in the same run: the gateway's liveness endpoint at the same rate
 * (HTTP, WebFlux and the security filter chain, no query).
 */
public final class QueryCostBenchmark implements Benchmark {

    private static final String WORKSPACE = "query-ws";
    private static final int APPLICATIONS_PER_OTHER_WORKSPACE = 100;
    /** A warm-up round after which the compilers worked less than this share of its time ends the warm-up. */
    private static final double SETTLED = 0.02;
    private static final int MAX_WARMUP_ROUNDS = 8;
    private static final ProvisioningStatus[] MIX = {ProvisioningStatus.COMPLETED, ProvisioningStatus.COMPLETED,
        ProvisioningStatus.FAILED, ProvisioningStatus.PARTIAL};

    @Override
    public String name() {
        return "query";
    }

    @Override
    public Section run(Context context) throws Exception {
        Options options = context.options();
        int rate = options.integer("query-rate", 2_000);
        int small = options.integer("query-small", 1_000);
        int large = options.integer("query-large", 1_000_000);
        int issues = options.integer("query-workspace-issues", 20);
        Duration warmup = options.duration("query-warmup", Duration.ofSeconds(5));
        Duration duration = options.duration("query-duration", Duration.ofSeconds(15));
        Section section = new Section(name(), "4. Query cost at a constant " + rate + " requests/s (open model)")
                .parameter("rate_per_s", rate).parameter("small", small).parameter("large", large)
                .parameter("workspace_issues", issues).parameter("warmup", warmup).parameter("duration", duration);
        try (Lab lab = context.lab(name())) {
            ServiceJvm gateway = lab.startGateway(context.tokens().secret(),
                    context.jvmOptions(lab, "gateway", "-Xmx4g"), List.of());
            String token = context.tokens().tokenFor("query-member", List.of(WORKSPACE), List.of());
            Map<String, OpenLoad.Outcome> outcomes = new LinkedHashMap<>();
            List<String> notes = new ArrayList<>();
            try (KafkaProducer<String, ApplicationProvisioningView> producer =
                         Events.producer(lab.bootstrapServers(), Topics.PROVISIONING_STATUS, 20);
                 OpenLoad load = new OpenLoad(gateway.baseUrl(), token)) {
                for (int i = 0; i < issues; i++) {
                    producer.send(Events.record(Events.view("query-app-" + i, WORKSPACE, ProvisioningStatus.FAILED, 1, 1)));
                }
                seed(producer, issues, small);
                Pause.until(() -> gateway.indexFigure("applications") >= small, Duration.ofMinutes(5), small + " views");
                measure(load, gateway, outcomes, notes, small, rate, warmup, duration, issues);

                System.out.println("  feeding the index up to " + large + " applications …");
                long feedStart = System.nanoTime();
                seed(producer, small, large);
                double produced = (System.nanoTime() - feedStart) / 1e9;
                Pause.until(() -> gateway.indexFigure("applications") >= large, Duration.ofMinutes(30),
                        large + " views in the gateway");
                double indexed = (System.nanoTime() - feedStart) / 1e9;
                long rss = gateway.residentBytes();
                notes.add(String.format(Locale.ROOT, "Feeding %,d more views through provisioning.status: produced in "
                        + "%.0f s, all in the gateway's index after %.0f s (%,.0f views/s); gateway RSS then %,d MiB.",
                        large - small, produced, indexed, (large - small) / indexed, rss / 1024 / 1024));
                section.figure("feed_seconds", Math.round(indexed));
                section.figure("gateway_rss_large_bytes", rss);
                Pause.millis(5_000);
                measure(load, gateway, outcomes, notes, large, rate, warmup, duration, issues);
            }
            List<List<String>> rows = new ArrayList<>();
            for (Map.Entry<String, OpenLoad.Outcome> entry : outcomes.entrySet()) {
                OpenLoad.Outcome outcome = entry.getValue();
                String[] key = entry.getKey().split("@");
                OpenLoad.Outcome atSmall = outcomes.get(key[0] + "@" + small);
                List<String> row = new ArrayList<>();
                row.add(key[0]);
                row.add(String.format(Locale.ROOT, "%,d", Integer.parseInt(key[1])));
                row.add(String.format(Locale.ROOT, "%.0f", outcome.achievedPerSecond()));
                row.add(Long.toString(outcome.failed()));
                row.add(Latency.ms(outcome.latency().getValueAtPercentile(50)));
                row.add(Latency.ms(outcome.latency().getValueAtPercentile(99)));
                row.add(Latency.ms(outcome.latency().getMaxValue()));
                row.add(Latency.ratio(outcome.latency().getValueAtPercentile(99),
                        atSmall.latency().getValueAtPercentile(99)));
                OpenLoad.Outcome liveness = outcomes.get("liveness (baseline)@" + key[1]);
                row.add(Latency.ratio(outcome.latency().getValueAtPercentile(99),
                        liveness.latency().getValueAtPercentile(99)));
                rows.add(row);
                Map<String, Object> figures = new LinkedHashMap<>(Latency.figures(outcome.latency()));
                figures.put("achieved_per_s", Math.round(outcome.achievedPerSecond()));
                figures.put("failed", outcome.failed());
                section.figure(entry.getKey().replace(" (baseline)", ""), figures);
            }
            section.table(new Section.Table(null, List.of("endpoint", "applications in view", "achieved req/s",
                    "failed", "p50 ms", "p99 ms", "max ms", "p99 vs " + String.format(Locale.ROOT, "%,d", small),
                    "p99 vs liveness"), rows));
            notes.forEach(section::note);
            section.note("The list is GET /api/workspaces/" + WORKSPACE + "/provisioning-issues (" + issues
                    + " failed applications, moderate detail); details is GET /api/applications/{id}/provisioning over "
                    + "those " + issues + "; both as a member with a bearer JWT (verified per request). Other "
                    + "applications sit in workspaces of " + APPLICATIONS_PER_OTHER_WORKSPACE + ", half of them completed, "
                    + "with a one-line error detail (the measured ones carry a 2 KB stack trace).");
            section.note("Client: Reactor Netty, up to 512 pooled connections, two event-loop threads, in the driver "
                    + "JVM on the same 2 cores as the gateway.");
        }
        return section;
    }

    /**
     * Warms the gateway up with the three endpoints' load, in rounds, until a round left its JIT compilers
     * under {@link #SETTLED} of the round's time (or after {@link #MAX_WARMUP_ROUNDS}); then measures them.
     * While the compilers work they take a core of this 2-core machine: a fixed five seconds once left the
     * first endpoint measured with seconds of queueing, and neither the gateway's event loops nor the driver busy.
     */
    private static void measure(OpenLoad load, ServiceJvm gateway, Map<String, OpenLoad.Outcome> outcomes,
            List<String> notes, int applications, int rate, Duration warmup, Duration duration, int issues) {
        System.out.println("  " + applications + " applications: warming the gateway up until its JIT settles, "
                + "then liveness, list, details at " + rate + "/s …");
        Duration compiledBefore = gateway.compilationTime();
        Duration compiled = compiledBefore;
        int rounds = 0;
        Duration lastRound;
        do {
            long started = System.nanoTime();
            load.run(i -> "/actuator/health/liveness", rate, Duration.ZERO, warmup);
            load.run(i -> "/api/workspaces/" + WORKSPACE + "/provisioning-issues", rate, Duration.ZERO, warmup);
            load.run(i -> "/api/applications/query-app-" + (i % issues) + "/provisioning", rate, Duration.ZERO, warmup);
            Duration compiledNow = gateway.compilationTime();
            lastRound = compiledNow.minus(compiled);
            compiled = compiledNow;
            rounds++;
            if (lastRound.toNanos() < SETTLED * (System.nanoTime() - started)) {
                break;
            }
        } while (rounds < MAX_WARMUP_ROUNDS);
        notes.add(String.format(Locale.ROOT, "At %,d applications: %d warm-up rounds of the three endpoints (%d s "
                + "each), in which the gateway's JIT compilers worked %.1f s; %.2f s in the last round.",
                applications, rounds, warmup.toSeconds() * 3,
                compiled.minus(compiledBefore).toMillis() / 1e3, lastRound.toMillis() / 1e3));
        outcomes.put("liveness (baseline)@" + applications,
                load.run(i -> "/actuator/health/liveness", rate, warmup, duration));
        outcomes.put("workspace list@" + applications,
                load.run(i -> "/api/workspaces/" + WORKSPACE + "/provisioning-issues", rate, warmup, duration));
        outcomes.put("details@" + applications,
                load.run(i -> "/api/applications/query-app-" + (i % issues) + "/provisioning", rate, warmup, duration));
    }

    /** Applications {@code from} … {@code to - 1} outside the measured workspace, a quarter each failed and partial. */
    private static void seed(KafkaProducer<String, ApplicationProvisioningView> producer, int from, int to) {
        for (int a = from; a < to; a++) {
            String workspace = "query-other-" + a / APPLICATIONS_PER_OTHER_WORKSPACE;
            producer.send(Events.record(Events.compactView("query-other-app-" + a, workspace, MIX[a % MIX.length])));
        }
        producer.flush();
    }
}
