package dev.provisioningstatus.benchmarks.fold;

import dev.provisioningstatus.benchmarks.Benchmark;
import dev.provisioningstatus.benchmarks.Context;
import dev.provisioningstatus.benchmarks.Options;
import dev.provisioningstatus.benchmarks.lab.Events;
import dev.provisioningstatus.benchmarks.lab.Lab;
import dev.provisioningstatus.benchmarks.lab.ServiceJvm;
import dev.provisioningstatus.benchmarks.lab.StreamsPassThrough;
import dev.provisioningstatus.benchmarks.report.Section;
import dev.provisioningstatus.devstack.process.ChildJvm;
import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Folding throughput: a backlog of {@code EnvironmentProvisioningResult} events (three per
 * application: dev succeeded, stage failed with a 2 KB error detail, prod succeeded; each one changes
 * the view) is folded by the real status view under {@code exactly_once_v2}, restarted onto the
 * backlog. Baselines on the same broker and the same backlog: a raw consume → produce pass-through,
 * transactional (same commit interval) and not, with Kafka's defaults; transactional again, writing
 * LZ4-compressed like the status view; and Kafka Streams writing what the fold writes per event (a store
 * record, two output records) under the status view's settings, with no reading or folding.
 */
public final class FoldThroughputBenchmark implements Benchmark {

    private static final List<Environment> ENVIRONMENTS = List.of(Environment.DEV, Environment.STAGE, Environment.PROD);

    @Override
    public String name() {
        return "fold";
    }

    @Override
    public Section run(Context context) throws Exception {
        Options options = context.options();
        int applications = options.integer("fold-applications", 100_000);
        List<String> commitIntervals = List.of(options.text("fold-commit-intervals", "20ms").split(","));
        long events = 3L * applications;
        // A fresh JVM spends its first tens of seconds compiling: its C2 threads took 0.6 of the 2 cores
        // 12 s into a run, and the rate climbed from 1,000 to 8,000 events/s over the first 30 s, about
        // 100,000 events after the registrations: the default backlog's first third.
        long warmUp = events / 3;
        Section section = new Section(name(), "2. Folding throughput: result events/s through the status view")
                .parameter("applications", applications).parameter("result_events", events)
                .parameter("warm_up_events", warmUp)
                .parameter("commit_intervals", String.join(",", commitIntervals));
        String topic = Topics.PROVISIONING_EVENTS.name();
        Duration timeout = Duration.ofMinutes(20);
        try (Lab lab = context.lab(name())) {
            List<String> jvm = context.statusViewJvmOptions(lab);
            System.out.println("  registering " + applications + " applications …");
            try (KafkaProducer<String, ApplicationRegistered> producer =
                         Events.producer(lab.bootstrapServers(), Topics.APPLICATIONS, 20)) {
                for (int a = 0; a < applications; a++) {
                    producer.send(Events.record(Events.registration("fold-" + a, "fold-ws-" + (a % 1000), ENVIRONMENTS)));
                }
            }
            System.out.println("  producing the backlog of " + events + " result events …");
            long preloadStart = System.nanoTime();
            try (KafkaProducer<String, ProvisioningEvent> producer =
                         Events.producer(lab.bootstrapServers(), Topics.PROVISIONING_EVENTS, 20)) {
                for (int a = 0; a < applications; a++) {
                    String id = "fold-" + a;
                    producer.send(Events.record(Events.succeeded(id, 1, Environment.DEV)));
                    producer.send(Events.record(Events.failed(id, 1, Environment.STAGE)));
                    producer.send(Events.record(Events.succeeded(id, 1, Environment.PROD)));
                }
            }
            double preloadSeconds = (System.nanoTime() - preloadStart) / 1e9;

            List<List<String>> rows = new ArrayList<>();
            List<GroupProgress.Throughput> measured = new ArrayList<>();
            List<String> labels = new ArrayList<>();

            System.out.println("  raw pass-through, transactional …");
            GroupProgress.Throughput transactional;
            try (PassThrough ignored = PassThrough.start(lab, "bench-pass-tx", topic, "bench.pass.tx", true,
                    Options.parseDuration(commitIntervals.get(0)), "none")) {
                transactional = GroupProgress.await(lab, "bench-pass-tx", topic, warmUp, events, timeout);
            }
            System.out.println("  raw pass-through, transactional, LZ4 …");
            GroupProgress.Throughput transactionalLz4;
            try (PassThrough ignored = PassThrough.start(lab, "bench-pass-tx-lz4", topic, "bench.pass.tx.lz4", true,
                    Options.parseDuration(commitIntervals.get(0)), "lz4")) {
                transactionalLz4 = GroupProgress.await(lab, "bench-pass-tx-lz4", topic, warmUp, events, timeout);
            }
            System.out.println("  raw pass-through, not transactional …");
            GroupProgress.Throughput plain;
            try (PassThrough ignored = PassThrough.start(lab, "bench-pass-plain", topic, "bench.pass.plain", false,
                    Duration.ofMillis(100), "none")) {
                plain = GroupProgress.await(lab, "bench-pass-plain", topic, warmUp, events, timeout);
            }
            System.out.println("  Kafka Streams pass-through under the status view's settings …");
            GroupProgress.Throughput streams;
            String streamsGroup = "bench-streams-pass";
            try (ChildJvm ignored = StreamsPassThrough.start(lab, context.passThroughJvmOptions(lab), streamsGroup,
                    commitIntervals.get(0).trim(), topic, "bench.streams-pass.status", "bench.streams-pass.issues")) {
                streams = GroupProgress.await(lab, streamsGroup, topic, warmUp, events, timeout);
            }
            for (String interval : commitIntervals) {
                String group = "bench-fold-" + interval.trim();
                System.out.println("  status view (exactly_once_v2, commit interval " + interval.trim() + ") …");
                try (ServiceJvm ignored = lab.startStatusView(group, jvm,
                        List.of("--provisioning.status-view.commit-interval=" + interval.trim()))) {
                    // A fresh application id folds everything from the start: the registrations first (their
                    // timestamps are older), then the measured result events.
                    GroupProgress.Throughput folded = GroupProgress.await(lab, group, topic, warmUp, events, timeout);
                    measured.add(folded);
                    labels.add("status view, exactly_once_v2, commit-interval " + interval.trim());
                }
            }
            for (int i = 0; i < measured.size(); i++) {
                rows.add(row(labels.get(i), measured.get(i), transactional, streams));
            }
            rows.add(row("raw consume → produce, transactional (commit every " + commitIntervals.get(0).trim() + ")",
                    transactional, transactional, streams));
            rows.add(row("the same, writing LZ4-compressed as the status view does", transactionalLz4, transactional,
                    streams));
            rows.add(row("raw consume → produce, not transactional", plain, transactional, streams));
            rows.add(row("Kafka Streams pass-through under the status view's settings (commit every "
                    + commitIntervals.get(0).trim() + "): a store read and write, two output records", streams,
                    transactional, streams));
            section.table(new Section.Table(null, List.of("pipeline", "records", "seconds", "records/s",
                    "vs transactional pass-through", "vs Kafka Streams pass-through"), rows));
            for (int i = 0; i < measured.size(); i++) {
                section.figure("status_view_" + commitIntervals.get(i).trim(), Map.of(
                        "per_second", Math.round(measured.get(i).perSecond()), "records", measured.get(i).records()));
            }
            section.figure("pass_through_transactional_per_second", Math.round(transactional.perSecond()));
            section.figure("pass_through_transactional_lz4_per_second", Math.round(transactionalLz4.perSecond()));
            section.figure("pass_through_plain_per_second", Math.round(plain.perSecond()));
            section.figure("streams_pass_through_per_second", Math.round(streams.perSecond()));
            section.note(String.format(Locale.ROOT, "Backlog of %d result events produced in %.1f s before each "
                    + "pipeline starts; each pipeline reads all of it from the beginning with its own group.", events,
                    preloadSeconds));
            section.note("Rate = committed offsets on provisioning.events (sampled every 100 ms from outside) from "
                    + "the first commit past the first " + warmUp + " events to the last, so start-up and JIT warm-up "
                    + "are left out. The status view first folds the " + applications
                    + " registrations (older timestamps, not counted), as a redeployed view would.");
            section.note("Status view in its own JVM (" + String.join(" ", jvm) + "), the Kafka Streams pass-through "
                    + "in another; the raw pass-throughs in the driver JVM.");
        }
        return section;
    }

    private static List<String> row(String label, GroupProgress.Throughput throughput,
            GroupProgress.Throughput transactional, GroupProgress.Throughput streams) {
        return List.of(label, Long.toString(throughput.records()),
                String.format(Locale.ROOT, "%.1f", throughput.seconds()),
                String.format(Locale.ROOT, "%,.0f", throughput.perSecond()),
                String.format(Locale.ROOT, "%.2f×", throughput.perSecond() / transactional.perSecond()),
                String.format(Locale.ROOT, "%.2f×", throughput.perSecond() / streams.perSecond()));
    }
}
