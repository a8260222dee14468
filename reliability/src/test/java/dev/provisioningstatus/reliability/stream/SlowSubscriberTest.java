package dev.provisioningstatus.reliability.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.gateway.GatewayApplication;
import dev.provisioningstatus.gateway.stream.EventCursor;
import dev.provisioningstatus.gateway.stream.StreamProperties;
import dev.provisioningstatus.gateway.view.ProvisioningViewProperties;
import dev.provisioningstatus.reliability.system.RunningSystem;
import dev.provisioningstatus.reliability.system.SeededApplications;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;

/**
 * A subscriber that stops reading (a frozen tab, a stalled proxy) while changes pour in: a fast
 * subscriber of the same scope still gets every change, and the slow one, once it reads again,
 * finds its stream ended with {@code resync} (never a silent gap). What the gateway holds for
 * frozen subscribers is bounded by their buffers, and let go once their writes have stalled for
 * the stalled-write timeout (the gateway then closes their connections: a subscriber frozen that
 * long reconnects and gets {@code resync} or the missed events).
 */
@ExtendWith(RunningSystem.Extension.class)
class SlowSubscriberTest {

    private static final Pattern OVERFLOW_RESYNCS = Pattern.compile(
            "provisioning_gateway_sse_resyncs_total\\{[^}]*cause=\"overflow\"[^}]*} ([0-9.E]+)");
    private static final Pattern SUBSCRIBERS = Pattern.compile("provisioning_gateway_sse_subscribers ([0-9.E]+)");
    /** The JVM's direct buffers: Netty's pool, which holds the bytes a subscriber has yet to read. */
    private static final Pattern DIRECT_BUFFERS = Pattern.compile(
            "jvm_buffer_memory_used_bytes\\{[^}]*id=\"direct\"[^}]*} ([0-9.E]+)");
    private static final int FROZEN_SUBSCRIBERS = 20;
    /** As fast as the test can publish. */
    private static final Duration FLOOD = Duration.ofMillis(5);
    /** Slow enough that the status view keeps up, so a burst stops where it is told to: few changes are in flight. */
    private static final Duration PACED = Duration.ofMillis(25);
    /**
     * What one change may cost a subscriber that holds it, generously: a change weighs about 7 KiB
     * here (a view of three environments with ten attempts of history each), and a subscriber
     * shares it with the index's recent changes unless the index has let it go already.
     */
    private static final long CHANGE_BYTES = 16 * 1024;
    /** What a full collection may still find at rest: fetched records, pooled buffers, caches. */
    private static final long SLACK_BYTES = 8 * 1024 * 1024;

    private final String suffix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    private final String workspace = "slow-" + suffix;
    private final String path = "/api/workspaces/" + workspace + "/provisioning-issues/stream";

    @Test
    void aSubscriberThatStopsReadingEndsWithResyncAndNeverHoldsUpAFastOne(RunningSystem system) throws Exception {
        SeededApplications seeded = new SeededApplications(system);
        IssueBurst burst = new IssueBurst(seeded, seed(seeded));
        String token = system.tokens().member("slow-member", workspace);
        double overflowsBefore = overflowResyncs(system);

        try (Socket slow = frozenSubscriber(system.gateway().baseUrl(), path, token);
                FastSubscriber fast = new FastSubscriber(system.gateway().baseUrl() + path, token)) {
            burstUntil(burst, FLOOD, "the gateway gives up on the frozen subscriber", () -> {
                fast.drain();
                return overflowResyncs(system) > overflowsBefore;
            });
            awaitServersState(system, fast, token);

            String slowStream = readToEnd(slow);
            int lastResync = slowStream.lastIndexOf("event:resync");
            System.out.printf("Slow subscriber: %d events in the burst; the frozen subscriber read %d bytes and its "
                            + "stream ended with resync: %s; the fast one holds the server's state%n",
                    burst.events(), slowStream.length(), lastResync >= 0);
            assertThat(lastResync).as("the frozen subscriber is told to resync").isNotNegative();
            assertThat(slowStream.substring(lastResync)).as("nothing after the resync")
                    .doesNotContain("event:status", "event:summary", "event:snapshot");
        }
    }

    /**
     * The gateway's memory is read at rest three times: before the burst; with the frozen
     * subscribers at their fullest, half a buffer short of the change count that overflowed a
     * rehearsal round of them; and once it gave up on them all and closed their connections (its
     * writes to them stalled for the stalled-write timeout) and its index has since turned its
     * recent changes over twice, so that a change kept beyond those would be kept for them.
     *
     * <p>Before all that, the index's recent changes (kept whoever subscribes) are filled with
     * changes of this burst's size, so that their growth is not counted against the subscribers.
     */
    @Test
    void frozenSubscribersCostAtMostTheirBuffersAndNothingOnceGivenUp(RunningSystem system) throws Exception {
        SeededApplications seeded = new SeededApplications(system);
        IssueBurst burst = new IssueBurst(seeded, seed(seeded));
        String token = system.tokens().member("slow-member", workspace);
        StreamProperties stream = gatewaySettings("provisioning.gateway.stream", StreamProperties.class);
        ProvisioningViewProperties view = gatewaySettings("provisioning.gateway.view", ProvisioningViewProperties.class);
        GatewayHeap heap = GatewayHeap.serving(system.gateway().baseUrl());

        try (FastSubscriber fast = new FastSubscriber(system.gateway().baseUrl() + path, token)) {
            long snapshot = fast.awaitSnapshot();
            double subscribersAtRest = metric(system, SUBSCRIBERS);
            burstUntil(burst, FLOOD, "the index's recent changes all come from the burst",
                    () -> fast.drain() >= snapshot + view.recentChanges());
            long changesToOverflow;
            try (FrozenSubscribers rehearsal = new FrozenSubscribers(system, path, token)) {
                changesToOverflow = changesUntilAllGivenUp(system, burst, fast);
            }
            await("the gateway closed the rehearsal's streams").atMost(Duration.ofSeconds(30))
                    .until(() -> metric(system, SUBSCRIBERS) <= subscribersAtRest);
            awaitServersState(system, fast, token);

            try (FrozenSubscribers frozen = new FrozenSubscribers(system, path, token)) {
                Reading baseline = reading(system, heap);
                double overflowsBefore = overflowResyncs(system);
                int changesBefore = fast.changes();
                long fullestAt = fast.drain() + changesToOverflow - stream.subscriberBuffer() / 2;
                burstUntil(burst, PACED, "the frozen subscribers at their fullest", () -> fast.drain() >= fullestAt);
                awaitServersState(system, fast, token);
                Reading fullest = reading(system, heap);
                double openAtFullest = metric(system, SUBSCRIBERS);
                double givenUpAtFullest = overflowResyncs(system) - overflowsBefore;
                burstUntil(burst, PACED, "the gateway gives up on every frozen subscriber",
                        () -> overflowResyncs(system) >= overflowsBefore + FROZEN_SUBSCRIBERS);
                await("the gateway closes the frozen connections, their writes stalled")
                        .atMost(stream.stalledWriteTimeout().plus(Duration.ofSeconds(60)))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> metric(system, SUBSCRIBERS) <= subscribersAtRest);
                awaitServersState(system, fast, token);
                long givenUp = fast.drain();
                int changesToGiveUp = fast.changes() - changesBefore;
                burstUntil(burst, FLOOD, "the index's recent changes turn over twice",
                        () -> fast.drain() >= givenUp + 2L * view.recentChanges());
                awaitServersState(system, fast, token);
                Reading after = reading(system, heap);

                long allowed = FROZEN_SUBSCRIBERS * stream.subscriberBuffer() * CHANGE_BYTES;
                System.out.printf("Slow subscriber: %d frozen subscribers of %d buffered changes each, given up on "
                                + "after %d changes; live heap baseline %.1f MiB, at their fullest %.1f MiB (%.0f given "
                                + "up), after %.1f MiB; per frozen subscriber ≈ %.0f KiB, then %.0f KiB (allowed %d "
                                + "KiB); direct buffers %.1f, %.1f, %.1f MiB; the fast subscriber got %d changes and "
                                + "holds the server's state%n",
                        FROZEN_SUBSCRIBERS, stream.subscriberBuffer(), changesToGiveUp, mib(baseline.heap()),
                        mib(fullest.heap()), givenUpAtFullest, mib(after.heap()),
                        kib(fullest.heap() - baseline.heap()) / FROZEN_SUBSCRIBERS,
                        kib(after.heap() - baseline.heap()) / FROZEN_SUBSCRIBERS, allowed / FROZEN_SUBSCRIBERS / 1024,
                        mib(baseline.direct()), mib(fullest.direct()), mib(after.direct()),
                        fast.changes() - changesBefore);
                assertThat(openAtFullest).as("streams open at the fullest reading: the fast one and every frozen one")
                        .isEqualTo(subscribersAtRest + FROZEN_SUBSCRIBERS);
                assertThat(fullest.heap() - baseline.heap())
                        .as("live heap growth with the frozen subscribers at their fullest")
                        .isLessThanOrEqualTo(allowed + SLACK_BYTES);
                assertThat(after.heap() - baseline.heap()).as("live heap growth once the gateway gave up on them")
                        .isLessThanOrEqualTo(SLACK_BYTES);
            }
        }
    }

    /** Bursts until the gateway gives up on every open frozen subscriber; how many changes that took. */
    private static long changesUntilAllGivenUp(RunningSystem system, IssueBurst burst, FastSubscriber fast)
            throws InterruptedException {
        long opened = fast.drain();
        double overflowsBefore = overflowResyncs(system);
        AtomicLong lastChange = new AtomicLong();
        burstUntil(burst, PACED, "the gateway gives up on every frozen subscriber of the rehearsal", () -> {
            lastChange.set(fast.drain());
            return overflowResyncs(system) >= overflowsBefore + FROZEN_SUBSCRIBERS;
        });
        return lastChange.get() - opened;
    }

    /** Runs the burst, one attempt every {@code gap}, until {@code condition} holds, then stops it. */
    private static void burstUntil(IssueBurst burst, Duration gap, String condition, Callable<Boolean> holds)
            throws InterruptedException {
        burst.start(gap);
        try {
            await(condition).atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(100)).until(holds);
        } finally {
            burst.stop();
        }
    }

    private List<String> seed(SeededApplications seeded) {
        List<String> applications = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            applications.add("slow-" + suffix + "-" + i);
            seeded.partial(applications.get(i - 1), workspace);
        }
        return applications;
    }

    private void awaitServersState(RunningSystem system, FastSubscriber fast, String token) {
        await("the fast subscriber holds the server's state").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    fast.drain();
                    return fast.state.applications().equals(restApplications(system, token));
                });
    }

    /** Subscribes over a raw socket with a tiny receive window, reads the response head, then stops reading. */
    private static Socket frozenSubscriber(String baseUrl, String path, String token) throws IOException {
        URI uri = URI.create(baseUrl);
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nAuthorization: Bearer " + token + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().contains("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the stream closed before its head: " + head);
            }
            head.append((char) next);
        }
        assertThat(head.toString()).as("the frozen subscriber's stream opened").startsWith("HTTP/1.1 200");
        return socket;
    }

    /** Reads what the gateway wrote until it ends the stream (chunked framing left in: only event lines matter). */
    private static String readToEnd(Socket socket) throws IOException {
        socket.setSoTimeout(30_000);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        InputStream in = socket.getInputStream();
        try {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, read);
                if (all.toString(StandardCharsets.UTF_8).endsWith("0\r\n\r\n")) {
                    break;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            String stream = all.toString(StandardCharsets.UTF_8);
            throw new AssertionError("the stream neither ended nor closed within 30 s after " + all.size()
                    + " bytes; it ends with: " + stream.substring(Math.max(0, stream.length() - 600)), stillOpen);
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    private static Reading reading(RunningSystem system, GatewayHeap heap) {
        return new Reading(heap.liveBytes(), metric(system, DIRECT_BUFFERS));
    }

    private static double overflowResyncs(RunningSystem system) {
        return metric(system, OVERFLOW_RESYNCS);
    }

    private static double metric(RunningSystem system, Pattern meter) {
        String metrics = system.gateway().get("/actuator/prometheus", system.tokens().admin("slow-admin")).body();
        Matcher matcher = meter.matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    /**
     * A setting as the running gateway binds it: its defaults and its configuration file, which
     * the devstack overrides in nothing of the stream or the index.
     */
    private static <T> T gatewaySettings(String prefix, Class<T> type) throws IOException {
        String file = GatewayApplication.CONFIG_NAME + ".yml";
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load(file, new ClassPathResource(file));
        return new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate(prefix, type);
    }

    private static double mib(double bytes) {
        return bytes / (1024 * 1024);
    }

    private static double kib(double bytes) {
        return bytes / 1024;
    }

    private Map<String, JsonNode> restApplications(RunningSystem system, String token) {
        Map<String, JsonNode> applications = new TreeMap<>();
        system.gateway().get("/api/workspaces/" + workspace + "/provisioning-issues", token).json()
                .path("applications").forEach(application ->
                        applications.put(application.path("applicationId").asString(), application));
        return applications;
    }

    /** A subscriber that reads as fast as it can: what it holds, and how far the gateway's changes reached it. */
    private static final class FastSubscriber implements AutoCloseable {
        private final SseConnection connection;
        private final IssueState state = new IssueState();
        private long sequence = -1;
        private int changes;

        FastSubscriber(String url, String token) {
            connection = new SseConnection(url, token, null);
        }

        /** The sequence its snapshot was read at. */
        long awaitSnapshot() {
            await("the fast subscriber's snapshot").atMost(Duration.ofSeconds(30)).until(() -> drain() >= 0);
            return sequence;
        }

        /** Applies what has arrived so far; the sequence of the last change it got, {@code -1} before its snapshot. */
        long drain() throws InterruptedException {
            for (SseConnection.Event event; (event = connection.next(Duration.ZERO)) != null; ) {
                if (!state.apply(event)) {
                    throw new AssertionError("the fast subscriber was told to resync");
                }
                if (event.type().equals("status")) {
                    changes++;
                }
                EventCursor.parse(event.id()).ifPresent(cursor -> sequence = cursor.sequence());
            }
            return sequence;
        }

        int changes() {
            return changes;
        }

        @Override
        public void close() {
            connection.close();
        }
    }

    /** Subscribers that stopped reading; closing them is the frozen tabs going away at last. */
    private static final class FrozenSubscribers implements AutoCloseable {
        private final List<Socket> sockets = new ArrayList<>();

        FrozenSubscribers(RunningSystem system, String path, String token) throws IOException {
            try {
                for (int i = 0; i < FROZEN_SUBSCRIBERS; i++) {
                    sockets.add(frozenSubscriber(system.gateway().baseUrl(), path, token));
                }
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** The gateway's live heap and direct buffers, in bytes. */
    private record Reading(long heap, double direct) {
    }
}

