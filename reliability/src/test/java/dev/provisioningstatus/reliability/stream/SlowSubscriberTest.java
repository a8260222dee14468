package dev.provisioningstatus.reliability.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.gateway.GatewayApplication;
import dev.provisioningstatus.gateway.stream.StreamProperties;
import dev.provisioningstatus.reliability.system.RunningSystem;
import dev.provisioningstatus.reliability.system.SeededApplications;
import dev.provisioningstatus.reliability.system.SuiteReport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
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
 * Subscribers that stop reading (a frozen tab, a stalled proxy) while changes pour in. The gateway
 * writes a change only to a socket that takes bytes: a frozen subscriber is left behind holding
 * nothing but its cursor, a fast one of the same scope gets every change, and the frozen one,
 * once it reads again, catches up through the index to the server's state, without {@code resync}.
 * What the gateway holds for frozen subscribers does not grow with the changes they miss, and is
 * let go once their writes have stalled for the stalled-write timeout.
 */
@ExtendWith(RunningSystem.Extension.class)
class SlowSubscriberTest {

    private static final Pattern BEHIND = Pattern.compile("provisioning_gateway_sse_behind ([0-9.E]+)");
    private static final Pattern SUBSCRIBERS = Pattern.compile("provisioning_gateway_sse_subscribers ([0-9.E]+)");
    /** The JVM's direct buffers: the shared event blocks and Netty's pool, which hold bytes not yet written. */
    private static final Pattern DIRECT_BUFFERS = Pattern.compile(
            "jvm_buffer_memory_used_bytes\\{[^}]*id=\"direct\"[^}]*} ([0-9.E]+)");
    private static final int FROZEN_SUBSCRIBERS = 20;
    /** As fast as the test can publish. */
    private static final Duration FLOOD = Duration.ofMillis(5);
    /** Changes the frozen subscribers miss once they are behind: a thousand, five per attempt. */
    private static final int MISSED_EVENTS = 1000;
    /**
     * What one frozen subscriber may hold, generously: the bytes written to it before its socket
     * stopped taking them, up to Netty's high-water mark (64 KiB), each a reference to a block
     * shared with every other subscriber.
     */
    private static final long PER_FROZEN_SUBSCRIBER_BYTES = 64 * 1024;
    /** What a full collection may still find at rest: fetched records, pooled buffers, caches. */
    private static final long SLACK_BYTES = 8 * 1024 * 1024;

    private final String suffix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    private final String workspace = "slow-" + suffix;
    private final String path = "/api/workspaces/" + workspace + "/provisioning-issues/stream";

    @Test
    void aSubscriberThatStopsReadingCatchesUpWithoutResyncOnceItReadsAgain(RunningSystem system) throws Exception {
        SeededApplications seeded = new SeededApplications(system);
        IssueBurst burst = new IssueBurst(seeded, seed(seeded));
        String token = system.tokens().member("slow-member", workspace);

        try (RawSseSubscriber slow = new RawSseSubscriber(system.gateway().baseUrl(), path, token);
                FastSubscriber fast = new FastSubscriber(system.gateway().baseUrl() + path, token)) {
            slow.read(500);
            burstUntil(burst, FLOOD, "the frozen subscriber is behind", () -> {
                fast.drain();
                return metric(system, BEHIND) >= 1;
            });
            awaitServersState(system, fast, token);

            await("the slow subscriber, reading again, holds the server's state").atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        slow.read(200);
                        return slow.state().applications().equals(restApplications(system, token));
                    });
            SuiteReport.print("Slow subscriber", "%d events in the burst; the frozen subscriber fell behind, read "
                    + "again and holds the server's state, %d resyncs", burst.events(), slow.resyncs());
            assertThat(slow.resyncs()).as("resync events to the slow subscriber").isZero();
        }
    }

    /**
     * The gateway's live heap is read at rest four times: before the frozen subscribers connect;
     * once every one of them is behind; after they missed a thousand more events; and once the
     * gateway gave up on them and closed their connections (its writes to them stalled for the
     * stalled-write timeout).
     */
    @Test
    void frozenSubscribersCostTheSameHoweverManyChangesTheyMissAndNothingOnceGivenUp(RunningSystem system)
            throws Exception {
        SeededApplications seeded = new SeededApplications(system);
        IssueBurst burst = new IssueBurst(seeded, seed(seeded));
        String token = system.tokens().member("slow-member", workspace);
        StreamProperties stream = gatewaySettings("provisioning.gateway.stream", StreamProperties.class);
        GatewayHeap heap = GatewayHeap.serving(system.gateway().baseUrl());

        try (FastSubscriber fast = new FastSubscriber(system.gateway().baseUrl() + path, token)) {
            fast.awaitSnapshot();
            awaitServersState(system, fast, token);
            double subscribersAtRest = metric(system, SUBSCRIBERS);
            Reading before = reading(system, heap);
            Reading behind;
            Reading missedMore;
            try (FrozenSubscribers frozen = new FrozenSubscribers(system, path, token)) {
                burstUntil(burst, FLOOD, "every frozen subscriber behind", () -> {
                    fast.drain();
                    return metric(system, BEHIND) >= FROZEN_SUBSCRIBERS;
                });
                awaitServersState(system, fast, token);
                behind = reading(system, heap);
                int eventsBefore = burst.events();
                burstUntil(burst, FLOOD, MISSED_EVENTS + " more events", () -> {
                    fast.drain();
                    return burst.events() >= eventsBefore + MISSED_EVENTS;
                });
                awaitServersState(system, fast, token);
                missedMore = reading(system, heap);
                assertThat(metric(system, SUBSCRIBERS)).as("streams open: the fast one and every frozen one")
                        .isEqualTo(subscribersAtRest + FROZEN_SUBSCRIBERS);
                await("the gateway closes the frozen connections, their writes stalled")
                        .atMost(stream.stalledWriteTimeout().plus(Duration.ofSeconds(60)))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> metric(system, SUBSCRIBERS) <= subscribersAtRest);
            }
            Reading givenUp = reading(system, heap);

            SuiteReport.print("Slow subscriber", "%d frozen subscribers; live heap before %.1f MiB, all behind %.1f MiB, "
                            + "after %d more events %.1f MiB, given up %.1f MiB (growth with all behind %.1f MiB, bound "
                            + "%.1f MiB; while they missed more %+.1f MiB; given up %+.1f MiB); direct buffers %.1f, %.1f, "
                            + "%.1f, %.1f MiB",
                    FROZEN_SUBSCRIBERS, mib(before.heap()), mib(behind.heap()), MISSED_EVENTS, mib(missedMore.heap()),
                    mib(givenUp.heap()), mib(behind.heap() - before.heap()),
                    mib(FROZEN_SUBSCRIBERS * PER_FROZEN_SUBSCRIBER_BYTES + SLACK_BYTES),
                    mib(missedMore.heap() - behind.heap()), mib(givenUp.heap() - before.heap()), mib(before.direct()),
                    mib(behind.direct()), mib(missedMore.direct()), mib(givenUp.direct()));
            assertThat(behind.heap() - before.heap()).as("live heap growth with every frozen subscriber behind")
                    .isLessThanOrEqualTo(FROZEN_SUBSCRIBERS * PER_FROZEN_SUBSCRIBER_BYTES + SLACK_BYTES);
            assertThat(missedMore.heap() - behind.heap()).as("live heap growth while they miss more events")
                    .isLessThanOrEqualTo(SLACK_BYTES);
            assertThat(givenUp.heap() - before.heap()).as("live heap growth once the gateway gave up on them")
                    .isLessThanOrEqualTo(SLACK_BYTES);
        }
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

    private static Reading reading(RunningSystem system, GatewayHeap heap) {
        return new Reading(heap.liveBytes(), metric(system, DIRECT_BUFFERS));
    }

    private static double metric(RunningSystem system, Pattern meter) {
        String metrics = system.gateway().get("/actuator/prometheus", system.tokens().admin("slow-admin")).body();
        Matcher matcher = meter.matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    /**
     * A setting as the running gateway binds it: its defaults and its configuration file, which
     * the devstack overrides in nothing of the stream.
     */
    private static <T> T gatewaySettings(String prefix, Class<T> type) throws IOException {
        String file = GatewayApplication.CONFIG_NAME + ".yml";
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load(file, new ClassPathResource(file));
        return new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate(prefix, type);
    }

    private static double mib(double bytes) {
        return bytes / (1024 * 1024);
    }

    private Map<String, JsonNode> restApplications(RunningSystem system, String token) {
        Map<String, JsonNode> applications = new TreeMap<>();
        system.gateway().get("/api/workspaces/" + workspace + "/provisioning-issues", token).json()
                .path("applications").forEach(application ->
                        applications.put(application.path("applicationId").asString(), application));
        return applications;
    }

    /** A subscriber that reads as fast as it can, and what it holds. */
    private static final class FastSubscriber implements AutoCloseable {
        private final SseConnection connection;
        private final IssueState state = new IssueState();
        private boolean snapshot;

        FastSubscriber(String url, String token) {
            connection = new SseConnection(url, token, null);
        }

        void awaitSnapshot() {
            await("the fast subscriber's snapshot").atMost(Duration.ofSeconds(30)).until(() -> {
                drain();
                return snapshot;
            });
        }

        /** Applies what has arrived so far. */
        void drain() throws InterruptedException {
            for (SseConnection.Event event; (event = connection.next(Duration.ZERO)) != null; ) {
                if (!state.apply(event)) {
                    throw new AssertionError("the fast subscriber was told to resync");
                }
                snapshot |= event.type().equals("snapshot");
            }
        }

        @Override
        public void close() {
            connection.close();
        }
    }

    /** Subscribers that stopped reading; closing them is the frozen tabs going away at last. */
    private static final class FrozenSubscribers implements AutoCloseable {
        private final List<RawSseSubscriber> subscribers = new ArrayList<>();

        FrozenSubscribers(RunningSystem system, String path, String token) throws IOException {
            try {
                for (int i = 0; i < FROZEN_SUBSCRIBERS; i++) {
                    subscribers.add(new RawSseSubscriber(system.gateway().baseUrl(), path, token));
                }
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            for (RawSseSubscriber subscriber : subscribers) {
                subscriber.close();
            }
        }
    }

    /** The gateway's live heap and direct buffers, in bytes. */
    private record Reading(long heap, double direct) {
    }
}
