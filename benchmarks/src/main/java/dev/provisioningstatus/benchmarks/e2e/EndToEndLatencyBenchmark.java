package dev.provisioningstatus.benchmarks.e2e;

import dev.provisioningstatus.benchmarks.Benchmark;
import dev.provisioningstatus.benchmarks.Context;
import dev.provisioningstatus.benchmarks.Options;
import dev.provisioningstatus.benchmarks.lab.Events;
import dev.provisioningstatus.benchmarks.lab.JitSettling;
import dev.provisioningstatus.benchmarks.lab.Lab;
import dev.provisioningstatus.benchmarks.lab.MeasuredTime;
import dev.provisioningstatus.benchmarks.lab.Pause;
import dev.provisioningstatus.benchmarks.lab.ServiceJvm;
import dev.provisioningstatus.benchmarks.lab.StreamsPassThrough;
import dev.provisioningstatus.benchmarks.report.Latency;
import dev.provisioningstatus.benchmarks.report.Section;
import dev.provisioningstatus.benchmarks.sse.SseData;
import dev.provisioningstatus.benchmarks.sse.SseSubscribers;
import dev.provisioningstatus.devstack.process.ChildJvm;
import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentProvisioningResult;
import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * End-to-end latency: {@code EnvironmentProvisioningResult} events produced at a fixed rate into
 * {@code provisioning.events}, folded by the real status view ({@code exactly_once_v2}, its own
 * JVM), read by the real gateway (its own JVM) and pushed as {@code status} events to SSE
 * subscribers over real sockets. Each subscriber watches its workspace; every event changes one
 * application, so it reaches the subscribers of that application's workspace. Latency runs from
 * the event's intended send time to each subscriber's receipt.
 *
 * <p>Baselines in the same run: the raw-Kafka floor (same rate, record size and producer settings,
 * a {@code read_committed} consumer); Kafka Streams alone, passing the same load through under the
 * status view's settings ({@link StreamsPassThrough}), for the status view's latency and CPU; and the
 * seed's 30 s polling design, simulated on the same change times (a poll at a random phase every 30 s
 * detects each change at the next poll).
 */
public final class EndToEndLatencyBenchmark implements Benchmark {

    private static final Duration POLL_PERIOD = Duration.ofSeconds(30);
    /** A change that reaches all its subscribers later than this counts as incomplete. */
    private static final Duration COMPLETE_WITHIN = Duration.ofSeconds(5);
    /**
     * How long deliveries are still recorded after the last event was sent: a system that falls
     * behind shows its real latency instead of none at all.
     */
    private static final Duration DRAIN = Duration.ofSeconds(60);
    /** How long the processes' CPU is measured with no input, before each run. */
    private static final Duration IDLE = Duration.ofSeconds(10);
    private static final String FLOOR_TOPIC = "bench.floor";

    @Override
    public String name() {
        return "e2e";
    }

    @Override
    public Section run(Context context) throws Exception {
        Options options = context.options();
        int rate = options.integer("rate", 1_000);
        int subscribers = options.integer("subscribers", 1_000);
        int workspaces = options.integer("workspaces", 100);
        int appsPerWorkspace = options.integer("apps-per-workspace", 50);
        Duration warmup = options.duration("warmup", Duration.ofSeconds(60));
        Duration duration = options.duration("duration", Duration.ofSeconds(30));
        List<String> commitIntervals = List.of(options.text("commit-intervals", "20ms").split(","));
        int sourceAddresses = options.integer("source-addresses", 8);
        Section section = new Section(name(), "1. End-to-end latency: result event → SSE subscribers")
                .parameter("rate_per_s", rate).parameter("subscribers", subscribers)
                .parameter("workspaces", workspaces).parameter("applications", workspaces * appsPerWorkspace)
                .parameter("warmup", warmup).parameter("duration", duration)
                .parameter("commit_intervals", String.join(",", commitIntervals));

        try (Lab lab = context.lab(name())) {
            List<String> statusViewJvm = context.statusViewJvmOptions(lab);
            String firstInterval = commitIntervals.get(0);
            ServiceJvm statusView = lab.startStatusView("bench-e2e", statusViewJvm,
                    List.of("--provisioning.status-view.commit-interval=" + firstInterval));
            ServiceJvm gateway = lab.startGateway(context.tokens().secret(),
                    context.jvmOptions(lab, "gateway", "-Xmx1g"), List.of());

            World world = new World(workspaces, appsPerWorkspace, subscribers);
            world.seed(lab.bootstrapServers());
            Pause.until(() -> lab.committedOffsets("bench-e2e", Topics.PROVISIONING_EVENTS.name())
                            >= 2L * world.applications.length, Duration.ofMinutes(10), "the status view to fold the seed");
            Pause.until(() -> gateway.indexFigure("applications") >= world.applications.length,
                    Duration.ofMinutes(5), () -> "the gateway to hold every seeded view: " + gateway.readiness());
            // Then until the index stops moving: every application's seeded failure is in.
            String[] last = {null};
            Pause.until(() -> {
                String position = gateway.indexPosition();
                boolean stable = position != null && position.equals(last[0]);
                last[0] = position;
                Pause.millis(2_000);
                return stable;
            }, Duration.ofMinutes(5), "the gateway's index to settle");

            try (SseSubscribers streams = new SseSubscribers(gateway.baseUrl(), sourceAddresses, 2, world::onEvent)) {
                openAll(context, streams, world);

                System.out.println("  raw Kafka floor at " + rate + "/s …");
                RecordTrip.Load load = new RecordTrip.Load(rate, world.eventBytes(), warmup, duration);
                lab.createTopics(List.of(new NewTopic(FLOOR_TOPIC, Lab.PARTITIONS, (short) 1)));
                Histogram floor = RecordTrip.measure(lab.bootstrapServers(), FLOOR_TOPIC, FLOOR_TOPIC, Lab.PARTITIONS,
                        load, new JitSettling(List.of()), new CpuMeter(List.of(), List.of())).latency();

                List<List<String>> rows = new ArrayList<>();
                rows.add(withRatio(Latency.row("raw Kafka floor: producer → read_committed consumer", floor), floor, floor));
                section.figure("floor", Latency.figures(floor));
                List<String> passThroughJvm = context.passThroughJvmOptions(lab);
                Histogram polling = null;
                for (int i = 0; i < commitIntervals.size(); i++) {
                    String interval = commitIntervals.get(i).trim();
                    if (i > 0) {
                        lab.stop(statusView);
                        statusView = lab.startStatusView("bench-e2e", statusViewJvm,
                                List.of("--provisioning.status-view.commit-interval=" + interval));
                    }
                    System.out.println("  Kafka Streams pass-through at " + rate + "/s, commit interval " + interval
                            + " …");
                    RecordTrip.Measured passThrough = passThrough(lab, passThroughJvm, interval, i, load);
                    String passThroughCpu = String.format(Locale.ROOT, "Baseline of the status view's CPU, the same "
                            + "run: Kafka Streams passing the same load through under the status view's settings "
                            + "(a store read and write and two output records per event, no reading, folding or "
                            + "JSON; %s): %.3f ms per event (%d events in %.1f s; by thread: %s), broker %.3f ms.",
                            passThrough.time().describe("of its JVM"),
                            passThrough.cpu().msPerEvent(0, passThrough.sent()), passThrough.sent(),
                            passThrough.cpu().seconds(), passThrough.cpu().threads().get(0).shares(),
                            passThrough.cpu().msPerEvent(1, passThrough.sent()));
                    rows.add(withRatio(Latency.row("Kafka Streams pass-through, commit-interval " + interval
                            + ": status view's settings, no fold", passThrough.latency()), passThrough.latency(),
                            floor));
                    section.figure("streams_pass_through_commit_interval_" + interval, Map.of(
                            "latency", Latency.figures(passThrough.latency()),
                            "sent", passThrough.sent(),
                            "warmup_s", passThrough.time().warmedUp().toSeconds(),
                            "jit_settled", passThrough.time().jitSettled(),
                            "cpu_ms_per_event_measured_time", Map.of(
                                    "pass_through", passThrough.cpu().msPerEvent(0, passThrough.sent()),
                                    "broker", passThrough.cpu().msPerEvent(1, passThrough.sent()))));

                    System.out.println("  end to end at " + rate + "/s, commit interval " + interval + " …");
                    long broker = lab.brokerPid();
                    ServiceJvm view = statusView;
                    long driver = ProcessHandle.current().pid();
                    CpuMeter meter = new CpuMeter(List.of(view::cpuSeconds, gateway::cpuSeconds,
                            () -> ChildJvm.cpuSeconds(broker), () -> ChildJvm.cpuSeconds(driver)),
                            List.of(view::pid, gateway::pid));
                    // Same-run baseline: what each process burns with nothing to do (commits, polls, metrics).
                    CpuMeter.Sample idleStart = meter.sample();
                    Pause.millis(IDLE.toMillis());
                    CpuMeter.Sample idle = meter.sample().since(idleStart);
                    CpuMeter.Sample runStart = meter.sample();
                    Run run;
                    try (StatusTopicTap tap = new StatusTopicTap(lab.bootstrapServers(), world::onView)) {
                        run = world.drive(lab.bootstrapServers(), rate, warmup, duration, meter,
                                new JitSettling(List.of(view::pid, gateway::pid)));
                    }
                    if (run.perDelivery.getTotalCount() == 0) {
                        throw new IllegalStateException("no change reached a subscriber: " + run.sent
                                + " events sent and measured, none delivered within " + DRAIN.toSeconds()
                                + " s after the last; status view committed " + lab.committedOffsets("bench-e2e",
                                Topics.PROVISIONING_EVENTS.name()) + " offsets of " + Topics.PROVISIONING_EVENTS.name()
                                + "; gateway " + gateway.readiness() + "; logs in " + lab.directory().resolve("logs"));
                    }
                    CpuMeter.Sample whole = meter.sample().since(runStart);
                    double wall = whole.seconds();
                    double statusViewCpu = whole.cpuSeconds()[0];
                    double gatewayCpu = whole.cpuSeconds()[1];
                    double brokerCpu = whole.cpuSeconds()[2];
                    CpuMeter.Sample steady = run.steadyCpu;
                    String cpu = String.format(Locale.ROOT, "CPU used during the run (%.0f s wall, 2 cores = %.0f "
                            + "core-seconds available): status view %.1f s, gateway %.1f s, broker %.1f s, driver %.1f s; "
                            + "per event (%d sent, warm-up included): status view %.3f ms, gateway %.3f ms, broker %.3f ms. "
                            + "Measured time only (%d events in %.1f s, warm-up and drain left out): status view %.3f ms, "
                            + "gateway %.3f ms, broker %.3f ms per event, that is %.2f, %.2f and %.2f cores; the same "
                            + "processes idle for %d s just before (baseline): %.2f, %.2f and %.2f cores.",
                            wall, 2 * wall, statusViewCpu, gatewayCpu, brokerCpu,
                            whole.cpuSeconds()[3], run.sentInAll,
                            1e3 * statusViewCpu / run.sentInAll, 1e3 * gatewayCpu / run.sentInAll,
                            1e3 * brokerCpu / run.sentInAll,
                            run.sent, steady.seconds(), steady.msPerEvent(0, run.sent), steady.msPerEvent(1, run.sent),
                            steady.msPerEvent(2, run.sent), steady.cores(0), steady.cores(1), steady.cores(2),
                            IDLE.toSeconds(), idle.cores(0), idle.cores(1), idle.cores(2))
                            + " Measured time, by thread (of each service's CPU): status view "
                            + steady.threads().get(0).shares() + "; gateway " + steady.threads().get(1).shares() + ".";
                    rows.add(withRatio(Latency.row("system, commit-interval " + interval + ": each delivery",
                            run.perDelivery), run.perDelivery, floor));
                    rows.add(withRatio(Latency.row("system, commit-interval " + interval
                            + ": change reached all its subscribers", run.perChange), run.perChange, floor));
                    rows.add(withRatio(Latency.row("status view alone, commit-interval " + interval
                            + ": view readable on provisioning.status", run.perView), run.perView, floor));
                    rows.add(withRatio(Latency.row("gateway alone, commit-interval " + interval
                            + ": view readable → each delivery", run.gatewayPart), run.gatewayPart, floor));
                    Map<String, Object> entry = new HashMap<>();
                    entry.put("per_delivery", Latency.figures(run.perDelivery));
                    entry.put("per_change_all_subscribers", Latency.figures(run.perChange));
                    entry.put("per_view_on_status_topic", Latency.figures(run.perView));
                    entry.put("per_delivery_after_view", Latency.figures(run.gatewayPart));
                    entry.put("sent", run.sent);
                    entry.put("warmup_s", run.measured.warmedUp().toSeconds());
                    entry.put("jit_settled", run.measured.jitSettled());
                    entry.put("achieved_rate_per_s", Math.round(run.achievedRate));
                    entry.put("incomplete_changes", run.incomplete);
                    entry.put("cpu_ms_per_event", Map.of("status_view", 1e3 * statusViewCpu / run.sentInAll,
                            "gateway", 1e3 * gatewayCpu / run.sentInAll, "broker", 1e3 * brokerCpu / run.sentInAll));
                    entry.put("cpu_ms_per_event_measured_time", Map.of("status_view", steady.msPerEvent(0, run.sent),
                            "gateway", steady.msPerEvent(1, run.sent), "broker", steady.msPerEvent(2, run.sent)));
                    entry.put("cpu_cores_idle_baseline", Map.of("status_view", idle.cores(0),
                            "gateway", idle.cores(1), "broker", idle.cores(2)));
                    section.figure("system_commit_interval_" + interval, entry);
                    section.note(String.format(Locale.ROOT, "commit-interval %s: %d events sent at %.0f/s, "
                            + "%d deliveries measured, %d changes did not reach every subscriber within %d s "
                            + "(deliveries recorded up to %d s after the last event).",
                            interval, run.sent, run.achievedRate, run.perDelivery.getTotalCount(), run.incomplete,
                            COMPLETE_WITHIN.toSeconds(), DRAIN.toSeconds())
                            + " Events " + run.measured.describe("of both services") + ". " + cpu + " " + passThroughCpu);
                    if (polling == null) {
                        polling = run.polling;
                    }
                }
                rows.add(withRatio(Latency.row("seed design: 30 s polling (simulated on the same change times)",
                        polling), polling, floor));
                section.figure("polling_simulated", Latency.figures(polling));
                List<String> header = new ArrayList<>(Latency.header("path"));
                header.add("p99 / floor p99");
                section.table(new Section.Table(null, header, rows));
                section.note("Each subscriber watches one workspace (" + subscribers + " subscribers over " + workspaces
                        + " workspaces, " + appsPerWorkspace + " applications each); an event changes one application, "
                        + "so it is delivered to ~" + subscribers / workspaces + " subscribers: "
                        + rate * subscribers / workspaces + " SSE deliveries/s.");
                section.note("Status view and gateway in their own JVMs (status view " + String.join(" ", statusViewJvm)
                        + "), the driver (producer, 2 SSE selector threads) in a third, broker in a fourth; all on this machine.");
                section.note("Polling baseline: simulated, not measured — for each measured change and each of its subscribers, "
                        + "the time from the change's intended send time to that subscriber's next 30 s poll (each "
                        + "subscriber polls at its own random phase; the poll's own query time is not added).");
            }
        }
        return section;
    }

    /**
     * The status view's baseline: {@link StreamsPassThrough} in a JVM of its own, under the status view's
     * settings at {@code interval}, with fresh topics (the {@code round}-th), measured as the system is.
     */
    private static RecordTrip.Measured passThrough(Lab lab, List<String> jvm, String interval, int round,
            RecordTrip.Load load) throws InterruptedException {
        String prefix = "bench.pass-through-" + round;
        String input = prefix + ".in";
        String firstOutput = prefix + ".status";
        lab.createTopics(List.of(new NewTopic(input, Lab.PARTITIONS, (short) 1)));
        try (ChildJvm passThrough = StreamsPassThrough.start(lab, jvm, "bench-pass-through-" + round, interval,
                input, firstOutput, prefix + ".issues")) {
            long broker = lab.brokerPid();
            CpuMeter meter = new CpuMeter(List.of(passThrough::cpuSeconds, () -> ChildJvm.cpuSeconds(broker)),
                    List.of(passThrough::pid));
            return RecordTrip.measure(lab.bootstrapServers(), input, firstOutput, Lab.PARTITIONS, load,
                    new JitSettling(List.of(passThrough::pid)), meter);
        }
    }

    private static List<String> withRatio(List<String> row, Histogram histogram, Histogram floor) {
        List<String> extended = new ArrayList<>(row);
        extended.add(Latency.ratio(histogram.getValueAtPercentile(99), floor.getValueAtPercentile(99)));
        return extended;
    }

    private static void openAll(Context context, SseSubscribers streams, World world) {
        Map<String, String> tokens = new HashMap<>();
        int batch = 500;
        for (int i = 0; i < world.subscriberWorkspace.length; i++) {
            String workspace = world.workspace(world.subscriberWorkspace[i]);
            String token = tokens.computeIfAbsent(workspace,
                    ws -> context.tokens().tokenFor("member-" + ws, List.of(ws), List.of()));
            streams.open(i, "/api/workspaces/" + workspace + "/provisioning-issues/stream", token, null);
            if ((i + 1) % batch == 0 || i + 1 == world.subscriberWorkspace.length) {
                int expected = i + 1;
                Pause.until(() -> streams.snapshots() + streams.failures() >= expected, Duration.ofMinutes(2),
                        "snapshots of " + expected + " subscribers");
            }
        }
        if (streams.failures() > 0) {
            throw new IllegalStateException(streams.failures() + " subscribers failed: " + streams.lastFailure());
        }
        System.out.println("  " + streams.snapshots() + " subscribers hold their snapshot");
    }

    /** {@code sent}: events sent in the measured time; {@code sentInAll}: with the warm-up's. */
    private record Run(Histogram perDelivery, Histogram perChange, Histogram perView, Histogram gatewayPart,
            Histogram polling, long sent,
            long sentInAll, double achievedRate, long incomplete, CpuMeter.Sample steadyCpu, MeasuredTime measured) {
    }

    /** The applications, who watches them, and what each SSE event means for the measurement. */
    private static final class World {

        final String[] applications;
        final int[] applicationWorkspace;
        final int[] subscriberWorkspace;
        final int[] subscribersOfWorkspace;
        final Map<String, Integer> applicationIndex = new HashMap<>();
        final AtomicIntegerArray attempt;
        final AtomicLongArray intended;
        final AtomicIntegerArray delivered;
        /** When the driver's own reader first saw the view of the attempt last sent (measured time); 0 until then. */
        final AtomicLongArray viewReadableAt;
        final AtomicIntegerArray deliveredBeforeView;
        volatile long measuredFrom = Long.MAX_VALUE;
        volatile Recorder perDelivery = new Recorder(3_600_000_000_000L, 3);
        volatile Recorder perView = new Recorder(3_600_000_000_000L, 3);
        volatile Recorder perChange = new Recorder(3_600_000_000_000L, 3);
        volatile Recorder gatewayPart = new Recorder(3_600_000_000_000L, 3);

        World(int workspaces, int appsPerWorkspace, int subscribers) {
            applications = new String[workspaces * appsPerWorkspace];
            applicationWorkspace = new int[applications.length];
            for (int w = 0, a = 0; w < workspaces; w++) {
                for (int i = 0; i < appsPerWorkspace; i++, a++) {
                    applications[a] = "e2e-" + w + "-" + i;
                    applicationWorkspace[a] = w;
                    applicationIndex.put(applications[a], a);
                }
            }
            subscriberWorkspace = new int[subscribers];
            subscribersOfWorkspace = new int[workspaces];
            for (int s = 0; s < subscribers; s++) {
                subscriberWorkspace[s] = s % workspaces;
                subscribersOfWorkspace[s % workspaces]++;
            }
            attempt = new AtomicIntegerArray(applications.length);
            intended = new AtomicLongArray(applications.length);
            delivered = new AtomicIntegerArray(applications.length);
            viewReadableAt = new AtomicLongArray(applications.length);
            deliveredBeforeView = new AtomicIntegerArray(applications.length);
        }

        String workspace(int index) {
            return "e2e-ws-" + index;
        }

        int eventBytes() {
            return Topics.PROVISIONING_EVENTS.valueSerde().serializer()
                    .serialize(Topics.PROVISIONING_EVENTS.name(), Events.failed(applications[0], 2, Environment.DEV)).length;
        }

        /** Every application registered with {@code dev} and failed in attempt 1: a workspace issue. */
        void seed(String bootstrapServers) {
            try (KafkaProducer<String, ApplicationRegistered> registrations =
                         Events.producer(bootstrapServers, Topics.APPLICATIONS, 20);
                 KafkaProducer<String, ProvisioningEvent> events =
                         Events.producer(bootstrapServers, Topics.PROVISIONING_EVENTS, 20)) {
                for (int a = 0; a < applications.length; a++) {
                    registrations.send(Events.record(Events.registration(applications[a],
                            workspace(applicationWorkspace[a]), List.of(Environment.DEV))));
                }
                registrations.flush();
                for (int a = 0; a < applications.length; a++) {
                    events.send(Events.record(Events.started(applications[a], 1, List.of(Environment.DEV))));
                    events.send(Events.record(Events.failed(applications[a], 1, Environment.DEV)));
                    attempt.set(a, 1);
                }
            }
        }

        /** An SSE event arrived: a {@code status} of the attempt we sent is one delivery. */
        void onEvent(int subscriber, String event, String data, long now) {
            if (!"status".equals(event)) {
                return;
            }
            Integer a = applicationIndex.get(SseData.text(data, "applicationId"));
            if (a == null || SseData.integer(data, "attempt") != attempt.get(a)) {
                return;
            }
            long sentAt = intended.get(a);
            if (sentAt < measuredFrom) {
                delivered.incrementAndGet(a);
                return;
            }
            perDelivery.recordValue(now - sentAt);
            recordGatewayPart(a, now);
            if (delivered.incrementAndGet(a) == subscribersOfWorkspace[applicationWorkspace[a]]) {
                perChange.recordValue(now - sentAt);
            }
        }

        /** A view reached {@code provisioning.status}: the first of the attempt we sent is the status view's latency. */
        void onView(String applicationId, int viewAttempt, long now) {
            Integer a = applicationIndex.get(applicationId);
            if (a == null || viewAttempt != attempt.get(a)) {
                return;
            }
            long sentAt = intended.get(a);
            if (sentAt >= measuredFrom && viewReadableAt.compareAndSet(a, 0, now)) {
                perView.recordValue(now - sentAt);
                synchronized (this) {
                    int early = deliveredBeforeView.getAndSet(a, 0);
                    if (early > 0) {
                        gatewayPart.recordValueWithCount(0, early);
                    }
                }
            }
        }

        /**
         * The gateway's part of one delivery: from the view readable on {@code provisioning.status}
         * (to the driver's own reader) to the SSE event. A delivery that arrived before that reader saw
         * the view counts as 0.
         */
        private synchronized void recordGatewayPart(int a, long now) {
            long viewAt = viewReadableAt.get(a);
            if (viewAt == 0) {
                deliveredBeforeView.incrementAndGet(a);
            } else {
                gatewayPart.recordValue(Math.max(0, now - viewAt));
            }
        }

        private boolean complete(int a) {
            return delivered.get(a) >= subscribersOfWorkspace[applicationWorkspace[a]];
        }

        /** Measured changes that have not reached all their subscribers yet. */
        private int undelivered() {
            int missing = 0;
            for (int a = 0; a < applications.length; a++) {
                if (intended.get(a) >= measuredFrom && !complete(a)) {
                    missing++;
                }
            }
            return missing;
        }

        /**
         * Sends one new attempt's result per tick, round robin over the applications, each at its
         * intended time. A result of a new attempt changes the view, so every event publishes one.
         */
        Run drive(String bootstrapServers, int rate, Duration warmup, Duration duration, CpuMeter meter,
                JitSettling jit) {
            perDelivery = new Recorder(3_600_000_000_000L, 3);
            perView = new Recorder(3_600_000_000_000L, 3);
            perChange = new Recorder(3_600_000_000_000L, 3);
            gatewayPart = new Recorder(3_600_000_000_000L, 3);
            Histogram polling = Latency.histogram();
            // Each subscriber's page polled on its own, at a random phase.
            long[] pollPhase = new long[subscriberWorkspace.length];
            for (int s = 0; s < pollPhase.length; s++) {
                pollPhase[s] = ThreadLocalRandom.current().nextLong(POLL_PERIOD.toNanos());
            }
            AtomicLong sent = new AtomicLong();
            long incomplete = 0;
            try (KafkaProducer<String, ProvisioningEvent> producer =
                         Events.producer(bootstrapServers, Topics.PROVISIONING_EVENTS, 0)) {
                long period = 1_000_000_000L / rate;
                long start = System.nanoTime() + 100_000_000L;
                MeasuredTime measured = new MeasuredTime(start, warmup, duration, jit);
                long measuredSent = 0;
                CpuMeter.Sample measuredStart = null;
                for (long i = 0; ; i++) {
                    long due = start + i * period;
                    if (due >= measured.end()) {
                        break;
                    }
                    if (measuredFrom == Long.MAX_VALUE) {
                        measured.passing(due);
                        measuredFrom = measured.from();
                    }
                    int a = (int) (i % applications.length);
                    if (due >= measuredFrom && intended.get(a) >= measuredFrom && !complete(a)) {
                        // Its next attempt is sent now: what the previous one still lacks is lost.
                        incomplete++;
                    }
                    int next = attempt.get(a) + 1;
                    EnvironmentProvisioningResult result = Events.failed(applications[a], next, Environment.DEV);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    delivered.set(a, 0);
                    synchronized (this) {
                        viewReadableAt.set(a, 0);
                        deliveredBeforeView.set(a, 0);
                    }
                    intended.set(a, due);
                    attempt.set(a, next);
                    producer.send(Events.record(result));
                    sent.incrementAndGet();
                    if (due >= measuredFrom) {
                        if (measuredStart == null) {
                            measuredStart = meter.sample();
                        }
                        measuredSent++;
                        for (int s = applicationWorkspace[a]; s < pollPhase.length; s += subscribersOfWorkspace.length) {
                            polling.recordValue(Math.floorMod(pollPhase[s] - (due - start), POLL_PERIOD.toNanos()));
                        }
                    }
                }
                long finished = System.nanoTime();
                CpuMeter.Sample steadyCpu = meter.sample().since(measuredStart);
                long drainDeadline = finished + DRAIN.toNanos();
                while (System.nanoTime() < drainDeadline && undelivered() > 0) {
                    Pause.millis(100);
                }
                incomplete += undelivered();
                measuredFrom = Long.MAX_VALUE;
                Histogram changes = perChange.getIntervalHistogram();
                long late = changes.getTotalCount() - changes.getCountBetweenValues(0, COMPLETE_WITHIN.toNanos());
                double achieved = measuredSent / ((finished - measured.from()) / 1e9);
                return new Run(perDelivery.getIntervalHistogram(), changes, perView.getIntervalHistogram(),
                        gatewayPart.getIntervalHistogram(), polling,
                        measuredSent, sent.get(), achieved, incomplete + late, steadyCpu, measured);
            }
        }
    }
}
