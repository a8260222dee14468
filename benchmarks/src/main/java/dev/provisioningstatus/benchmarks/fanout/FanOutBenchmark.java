package dev.provisioningstatus.benchmarks.fanout;

import dev.provisioningstatus.benchmarks.Benchmark;
import dev.provisioningstatus.benchmarks.Context;
import dev.provisioningstatus.benchmarks.Options;
import dev.provisioningstatus.benchmarks.lab.Events;
import dev.provisioningstatus.benchmarks.lab.JitSettling;
import dev.provisioningstatus.benchmarks.lab.Lab;
import dev.provisioningstatus.benchmarks.lab.Pause;
import dev.provisioningstatus.benchmarks.lab.ServiceJvm;
import dev.provisioningstatus.benchmarks.lab.ThreadGroupCpu;
import dev.provisioningstatus.benchmarks.report.Latency;
import dev.provisioningstatus.benchmarks.report.Section;
import dev.provisioningstatus.benchmarks.sse.SseData;
import dev.provisioningstatus.benchmarks.sse.SseSubscribers;
import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * SSE fan-out: how many subscribers one gateway holds, its resident memory per connection (RSS of
 * the gateway JVM before and after, from {@code /proc/<pid>/status}), and how long one change
 * takes to reach 10,000 of them. Changes are written straight to {@code provisioning.status} (the
 * gateway's input), so the figure is the gateway's own: Kafka read → index → every subscriber's
 * socket. Baselines in the same run: the same change to a workspace with a single subscriber,
 * before the crowd connects; and the floor, once the gateway is stopped: the same event written to
 * as many subscribers by a bare Netty server ({@link BareBroadcastServer}).
 */
public final class FanOutBenchmark implements Benchmark {

    private static final String CROWD = "fan-crowd";
    private static final String OTHERS = "fan-others";
    private static final String SINGLE = "fan-single";
    /** As long as {@link #CROWD}, so the floor's event is as long as the crowd's. */
    private static final String FLOOR = "fan-floor";
    /** Warm-up rounds to the crowd at most, each of {@code --broadcast-warmup} changes, before measuring anyway. */
    private static final int MAX_WARM_UP_ROUNDS = 10;

    @Override
    public String name() {
        return "fanout";
    }

    @Override
    public Section run(Context context) throws Exception {
        Options options = context.options();
        int requested = options.integer("fanout-subscribers", 20_000);
        int broadcastTo = options.integer("broadcast-subscribers", 10_000);
        int broadcasts = options.integer("broadcasts", 20);
        int warmUp = options.integer("broadcast-warmup", 30);
        int sourceAddresses = options.integer("source-addresses", 16);
        Section section = new Section(name(), "3. SSE fan-out: subscribers held, memory per connection, broadcast");
        try (Lab lab = context.lab(name())) {
            ServiceJvm gateway = lab.startGateway(context.tokens().secret(),
                    context.jvmOptions(lab, "gateway", "-Xmx2g"), List.of());
            Broadcaster broadcaster = new Broadcaster(lab.bootstrapServers());
            lab.remember(broadcaster);
            broadcaster.publish(CROWD);
            broadcaster.publish(OTHERS);
            broadcaster.publish(SINGLE);
            Pause.until(() -> gateway.indexFigure("applications") >= 3, Duration.ofMinutes(1), "the seeded views");

            int allowed = Math.min(requested, Math.min(
                    fileLimit(gateway.pid()) - (int) gateway.openFiles(),
                    fileLimit(ProcessHandle.current().pid()) - openFiles(ProcessHandle.current().pid())) - 300);
            int subscribers = Math.max(allowed, 2);
            broadcastTo = Math.min(broadcastTo, subscribers - 1);
            section.parameter("subscribers_requested", requested).parameter("subscribers", subscribers)
                    .parameter("broadcast_subscribers", broadcastTo).parameter("broadcasts", broadcasts)
                    .parameter("broadcast_warmup", warmUp)
                    .parameter("source_addresses", sourceAddresses);

            Deliveries deliveries = new Deliveries();
            List<List<String>> latency = new ArrayList<>();
            try (SseSubscribers streams = new SseSubscribers(gateway.baseUrl(), sourceAddresses, 2, deliveries::onEvent)) {
                String singleToken = context.tokens().tokenFor("fan-single-member", List.of(SINGLE), List.of());
                streams.open(0, path(SINGLE), singleToken, null);
                Pause.until(() -> streams.snapshots() >= 1, Duration.ofSeconds(30), "the single subscriber");
                System.out.println("  baseline: " + warmUp + " unrecorded, then " + broadcasts + " changes to 1 subscriber …");
                IntSupplier toSingle = () -> broadcaster.publish(SINGLE);
                long missedInWarmUp = broadcast(toSingle, deliveries, SINGLE, 1, warmUp).missing;
                Histogram single = broadcast(toSingle, deliveries, SINGLE, 1, broadcasts).perDelivery;

                Pause.millis(2_000);
                long heapBefore = liveHeap(gateway);
                Map<String, Long> classesBefore = heapByClass(gateway);
                long rssBefore = gateway.residentBytes();
                long fdsBefore = gateway.openFiles();
                System.out.println("  opening " + (subscribers - 1) + " subscribers (RSS before "
                        + rssBefore / 1024 / 1024 + " MiB) …");
                long openStart = System.nanoTime();
                String crowdToken = context.tokens().tokenFor("fan-crowd-member", List.of(CROWD), List.of());
                String othersToken = context.tokens().tokenFor("fan-others-member", List.of(OTHERS), List.of());
                int crowdSize = broadcastTo;
                openAll(streams, 1, subscribers, i -> streams.open(i, path(i <= crowdSize ? CROWD : OTHERS),
                        i <= crowdSize ? crowdToken : othersToken, null));
                double openSeconds = (System.nanoTime() - openStart) / 1e9;
                Pause.millis(3_000);
                long rssAfter = gateway.residentBytes();
                long fdsAfter = gateway.openFiles();
                long heapAfter = liveHeap(gateway);
                Map<String, Long> classesAfter = heapByClass(gateway);
                int held = streams.snapshots() - streams.failures();
                long perConnection = (rssAfter - rssBefore) / Math.max(1, held - 1);
                System.out.println("  " + held + " subscribers held, RSS after " + rssAfter / 1024 / 1024 + " MiB");

                System.out.println("  " + warmUp + " unrecorded, then " + broadcasts + " changes to " + broadcastTo
                        + " subscribers …");
                long driver = ProcessHandle.current().pid();
                IntSupplier toCrowd = () -> broadcaster.publish(CROWD);
                WarmUp warmedUp = warmUp(toCrowd, deliveries, CROWD, broadcastTo, warmUp,
                        new JitSettling(List.of(gateway::pid, () -> driver)));
                ThreadGroupCpu gatewayBefore = ThreadGroupCpu.of(gateway.pid());
                ThreadGroupCpu driverBefore = ThreadGroupCpu.of(driver);
                Broadcasts crowd = broadcast(toCrowd, deliveries, CROWD, broadcastTo, broadcasts);
                ThreadGroupCpu gatewayUsed = ThreadGroupCpu.of(gateway.pid()).since(gatewayBefore);
                ThreadGroupCpu driverUsed = ThreadGroupCpu.of(driver).since(driverBefore);

                List<List<String>> held2 = new ArrayList<>();
                held2.add(List.of("subscribers held by one gateway", Integer.toString(held),
                        "open files " + fdsBefore + " → " + fdsAfter + " (per-process limit " + fileLimit(gateway.pid()) + ")"));
                held2.add(List.of("gateway RSS before → after", mib(rssBefore) + " → " + mib(rssAfter),
                        String.format(Locale.ROOT, "%.1f KiB per connection", perConnection / 1024.0)));
                held2.add(List.of("gateway live heap (after a full GC) before → after",
                        mib(heapBefore) + " → " + mib(heapAfter), String.format(Locale.ROOT, "%.1f KiB per connection",
                                (heapAfter - heapBefore) / 1024.0 / Math.max(1, held - 1))));
                held2.add(List.of("time to open all and receive their snapshots",
                        String.format(Locale.ROOT, "%.1f s", openSeconds),
                        String.format(Locale.ROOT, "%.0f connections/s", (held - 1) / openSeconds)));
                section.table(new Section.Table("Connections and memory", List.of("what", "figure", "detail"), held2));

                latency.add(Latency.row("1 subscriber (baseline, before the crowd connected)", single));
                latency.add(Latency.row(broadcastTo + " subscribers: each delivery", crowd.perDelivery));
                latency.add(Latency.row(broadcastTo + " subscribers: the last of them", crowd.lastDelivery));
                section.figure("subscribers_held", held);
                section.figure("rss_before_bytes", rssBefore);
                section.figure("rss_after_bytes", rssAfter);
                section.figure("rss_per_connection_bytes", perConnection);
                section.figure("live_heap_per_connection_bytes", (heapAfter - heapBefore) / Math.max(1, held - 1));
                section.figure("broadcast_single", Latency.figures(single));
                section.figure("broadcast_each_delivery", Latency.figures(crowd.perDelivery));
                section.figure("broadcast_last_delivery", Latency.figures(crowd.lastDelivery));
                section.figure("broadcast_missing_deliveries", crowd.missing);
                if (warmUp > 0) {
                    section.note("Unrecorded changes first, so that a fresh gateway's first writes are not measured: "
                            + warmUp + " to the single subscriber, " + warmedUp.rounds() + " rounds of " + warmUp
                            + " to the crowd, " + (warmedUp.jitSettled() ? "the last of which left" : "and still not")
                            + " the JIT compilers of gateway and driver under "
                            + Math.round(100 * JitSettling.SETTLED_CORES) + " % of a core (" + (missedInWarmUp + warmedUp.missing())
                            + " of their deliveries missing).");
                }
                section.note(String.format(Locale.ROOT, "CPU per measured broadcast to %d subscribers (its 500 ms "
                        + "pause after included): gateway %.0f ms (%s), driver %.0f ms (%s); a broadcast took %.0f ms "
                        + "on average from the change written to its last delivery.", broadcastTo,
                        1e3 * gatewayUsed.total() / broadcasts, gatewayUsed.shares(),
                        1e3 * driverUsed.total() / broadcasts, driverUsed.shares(), crowd.lastDelivery.getMean() / 1e6));
                section.note(crowd.missing + " deliveries missing after 30 s per broadcast; " + streams.failures()
                        + " subscribers failed" + (streams.failures() > 0 ? " (" + streams.lastFailure() + ")" : "") + ".");
                section.note("Subscribers: " + broadcastTo + " on workspace " + CROWD + " (receive every broadcast), the "
                        + "rest on " + OTHERS + " (receive nothing, but every change is offered to their filters); "
                        + "client sockets from " + sourceAddresses + " source addresses 127.0.0.2…, two client selector threads (plain NIO).");
                section.note("Live heap per connection by class (jcmd GC.class_histogram after minus before, top 30): "
                        + topGrowth(classesBefore, classesAfter, Math.max(1, held - 1)) + ".");
                section.note("RSS grows with the heap the JVM commits as well as with what connections keep; the "
                        + "live-heap figure is what the connections keep reachable.");
            }
            // The floor alone on the machine, as the gateway was: its subscribers closed, the gateway stopped.
            lab.stop(gateway);
            System.out.println("  floor: the same event's bytes from a bare Netty server to " + broadcastTo
                    + " subscribers …");
            try {
                Floor floor = floor(lab, context.floorJvmOptions(lab, "-Xmx2g"), deliveries, broadcastTo, broadcasts,
                        warmUp, sourceAddresses);
                latency.add(Latency.row("floor: " + broadcastTo + " subscribers of a bare Netty server, each delivery",
                        floor.broadcasts().perDelivery));
                latency.add(Latency.row("floor: " + broadcastTo + " subscribers of a bare Netty server, the last of "
                        + "them", floor.broadcasts().lastDelivery));
                section.figure("broadcast_floor_each_delivery", Latency.figures(floor.broadcasts().perDelivery));
                section.figure("broadcast_floor_last_delivery", Latency.figures(floor.broadcasts().lastDelivery));
                section.note(floor.note(broadcastTo, broadcasts, warmUp));
            } catch (RuntimeException e) {
                // The gateway's figures stand without their floor; the run says why it has none.
                section.note("No floor in this run: " + e);
            }
            section.table(new Section.Table("Broadcast latency (change written to provisioning.status → SSE event "
                    + "received; for the floor, POST sent → event received)", Latency.header("one change to"), latency));
        }
        return section;
    }

    /** Heap in use right after a full collection ({@code jcmd GC.run}, then {@code GC.heap_info}). */
    private static long liveHeap(ServiceJvm gateway) {
        gateway.jcmd("GC.run");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(gateway.jcmd("GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) * 1024 : 0;
    }

    /** Bytes per class from {@code jcmd GC.class_histogram} (which collects first). */
    private static Map<String, Long> heapByClass(ServiceJvm gateway) {
        Map<String, Long> bytes = new HashMap<>();
        Matcher line = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)", Pattern.MULTILINE)
                .matcher(gateway.jcmd("GC.class_histogram"));
        while (line.find()) {
            bytes.merge(line.group(2), Long.parseLong(line.group(1)), Long::sum);
        }
        return bytes;
    }

    private static String topGrowth(Map<String, Long> before, Map<String, Long> after, int connections) {
        return after.entrySet().stream()
                .map(entry -> Map.entry(entry.getKey(), entry.getValue() - before.getOrDefault(entry.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(30)
                .map(entry -> String.format(Locale.ROOT, "%s %,d B", entry.getKey(), entry.getValue() / connections))
                .collect(Collectors.joining(", "));
    }

    private static String path(String workspace) {
        return "/api/workspaces/" + workspace + "/provisioning-issues/stream";
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / 1024.0 / 1024.0);
    }

    private record Broadcasts(Histogram perDelivery, Histogram lastDelivery, long missing) {
    }

    /** {@code count} changes, one at a time, each published by {@code publish} (which answers its version). */
    private static Broadcasts broadcast(IntSupplier publish, Deliveries deliveries, String workspace,
            int audience, int count) {
        Recorder each = new Recorder(3_600_000_000_000L, 3);
        Histogram last = Latency.histogram();
        long missing = 0;
        for (int i = 0; i < count; i++) {
            deliveries.expect(workspace, each);
            long sentAt = System.nanoTime();
            deliveries.sentAt.set(sentAt);
            deliveries.version.set(publish.getAsInt());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (deliveries.received.get() < audience && System.nanoTime() < deadline) {
                Pause.millis(5);
            }
            if (deliveries.received.get() >= audience) {
                last.recordValue(deliveries.lastAt.get() - sentAt);
            }
            missing += Math.max(0, audience - deliveries.received.get());
            Pause.millis(500);
        }
        return new Broadcasts(each.getIntervalHistogram(), last, missing);
    }

    /**
     * Opens subscribers {@code first} to {@code end - 1} ({@code open}), a thousand at a time, each thousand's
     * snapshots awaited: {@code end} streams on {@code streams} in all.
     */
    private static void openAll(SseSubscribers streams, int first, int end, IntConsumer open) {
        for (int i = first; i < end; i++) {
            open.accept(i);
            if (i % 1_000 == 0 || i == end - 1) {
                int expected = i + 1;
                Pause.until(() -> streams.snapshots() + streams.failures() >= expected, Duration.ofMinutes(2),
                        expected + " snapshots");
            }
        }
    }

    private record WarmUp(int rounds, boolean jitSettled, long missing) {
    }

    /** Rounds of {@code warmUp} unrecorded changes, until one leaves the JIT compilers of {@code jit}'s JVMs settled. */
    private static WarmUp warmUp(IntSupplier publish, Deliveries deliveries, String workspace, int audience,
            int warmUp, JitSettling jit) {
        int rounds = 0;
        boolean settled = false;
        long missing = 0;
        while (warmUp > 0 && !settled && rounds < MAX_WARM_UP_ROUNDS) {
            missing += broadcast(publish, deliveries, workspace, audience, warmUp).missing;
            rounds++;
            settled = jit.settledSinceLastLook();
        }
        return new WarmUp(rounds, settled, missing);
    }

    /**
     * The same event's bytes (the data the crowd got, the application and version its own)
     * to as many subscribers of a {@link BareBroadcastServer} in a JVM of its own, with the gateway's JVM
     * options, warmed up and measured as the crowd is.
     */
    private static Floor floor(Lab lab, List<String> jvmOptions, Deliveries deliveries, int audience, int count,
            int warmUp, int sourceAddresses) {
        String crowdData = deliveries.firstData;
        if (crowdData == null || !crowdData.contains(CROWD)) {
            throw new IllegalStateException("the crowd got no change: nothing for the floor to send");
        }
        String template = crowdData.replace(CROWD, FLOOR);
        try (BareBroadcastServer.Running server = BareBroadcastServer.start(lab, jvmOptions);
                SseSubscribers streams = new SseSubscribers(server.baseUrl(), sourceAddresses, 2, deliveries::onEvent)) {
            openAll(streams, 0, audience, i -> streams.open(i, "/stream", "unused", null));
            FloorTrigger trigger = new FloorTrigger(server.baseUrl(), template);
            long driver = ProcessHandle.current().pid();
            WarmUp warmedUp = warmUp(trigger::publish, deliveries, FLOOR, audience, warmUp,
                    new JitSettling(List.of(server.process()::pid, () -> driver)));
            ThreadGroupCpu serverBefore = ThreadGroupCpu.of(server.process().pid());
            ThreadGroupCpu driverBefore = ThreadGroupCpu.of(driver);
            Broadcasts measured = broadcast(trigger::publish, deliveries, FLOOR, audience, count);
            return new Floor(measured, warmedUp, ThreadGroupCpu.of(server.process().pid()).since(serverBefore),
                    ThreadGroupCpu.of(driver).since(driverBefore), streams.failures(), template.length());
        }
    }

    private record Floor(Broadcasts broadcasts, WarmUp warmedUp, ThreadGroupCpu server, ThreadGroupCpu driver,
            int failures, int dataLength) {

        String note(int audience, int count, int warmUp) {
            return String.format(Locale.ROOT, "Floor, in the same run once the gateway was stopped: the same event "
                    + "(its %d characters of data as the gateway rendered it for the crowd, an id of %d) to "
                    + "%d subscribers of a bare Netty server (BareBroadcastServer: Reactor Netty's event loops and "
                    + "Netty's HTTP codec; no Kafka, Spring or Reactor), each change an HTTP POST from the driver; "
                    + "%d rounds of %d unrecorded changes first (JIT %s). CPU per measured broadcast: server %.0f ms "
                    + "(%s), driver %.0f ms (%s). %d deliveries missing, %d subscribers failed.", dataLength,
                    FloorTrigger.ID.length(), audience, warmedUp.rounds(), warmUp,
                    warmedUp.jitSettled() ? "settled" : "not settled", 1e3 * server.total() / count, server.shares(),
                    1e3 * driver.total() / count, driver.shares(), broadcasts.missing, failures);
        }
    }

    /** Sends the floor's server one event per change, each with the next version. */
    private static final class FloorTrigger {
        /** About as long as a cursor. */
        static final String ID = "0".repeat(40);
        private static final Pattern VERSION = Pattern.compile("\"version\":\\d+");
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final URI broadcast;
        private final String template;
        private int version;

        FloorTrigger(String baseUrl, String template) {
            this.broadcast = URI.create(baseUrl + "/broadcast");
            this.template = template;
        }

        int publish() {
            version++;
            String event = "event:status\nid:" + ID + "\ndata:"
                    + VERSION.matcher(template).replaceAll("\"version\":" + version) + "\n\n";
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(broadcast)
                        .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() != 204) {
                    throw new IllegalStateException("the floor's server answered " + answer.statusCode());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return version;
        }
    }

    /** Counts the deliveries of the broadcast in flight; ignores everything else. */
    private static final class Deliveries {
        final AtomicInteger received = new AtomicInteger();
        final AtomicLong sentAt = new AtomicLong();
        final AtomicLong lastAt = new AtomicLong();
        final AtomicInteger version = new AtomicInteger(-1);
        volatile String applicationId = "";
        volatile Recorder recorder;
        /** The data of the broadcast's first delivery (kept once, not per delivery): the floor sends the crowd's. */
        volatile String firstData;

        void expect(String workspace, Recorder recorder) {
            this.version.set(-1);
            this.received.set(0);
            this.firstData = null;
            this.applicationId = workspace;
            this.recorder = recorder;
        }

        void onEvent(int subscriber, String event, String data, long now) {
            if (!"status".equals(event) || !applicationId.equals(SseData.text(data, "applicationId"))) {
                return;
            }
            int expected = version.get();
            int seen = SseData.integer(data, "version");
            if (expected != -1 && seen != expected) {
                return;
            }
            recorder.recordValue(now - sentAt.get());
            if (firstData == null) {
                firstData = data;
            }
            // The time first: the broadcast loop reads it as soon as the count is complete.
            lastAt.accumulateAndGet(now, Math::max);
            received.incrementAndGet();
        }
    }

    /** Publishes a new version of a workspace's one application (its id is the workspace's) straight to the topic. */
    private static final class Broadcaster implements AutoCloseable {
        private final KafkaProducer<String, ApplicationProvisioningView> producer;
        private final Map<String, Integer> versions = new HashMap<>();

        Broadcaster(String bootstrapServers) {
            producer = Events.producer(bootstrapServers, Topics.PROVISIONING_STATUS, 0);
        }

        int publish(String workspace) {
            int version = versions.merge(workspace, 1, Integer::sum);
            ApplicationProvisioningView view = Events.view(workspace, workspace, ProvisioningStatus.FAILED, version,
                    version);
            try {
                producer.send(Events.record(view)).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return version;
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    static int fileLimit(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "limits")).stream()
                    .filter(line -> line.startsWith("Max open files"))
                    .map(line -> line.replaceAll("\\s+", " ").split(" ")[3])
                    .mapToInt(Integer::parseInt).findFirst().orElse(1024);
        } catch (IOException | RuntimeException e) {
            return 1024;
        }
    }

    static int openFiles(long pid) {
        try (var files = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) files.count();
        } catch (IOException e) {
            return 0;
        }
    }
}
