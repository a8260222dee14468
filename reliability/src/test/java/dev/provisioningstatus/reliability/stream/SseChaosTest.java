package dev.provisioningstatus.reliability.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.reliability.system.RunningSystem;
import dev.provisioningstatus.reliability.system.SeededApplications;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * SSE chaos: during a burst of changes, a client drops its connection 100 times at random points
 * and reconnects with {@code Last-Event-ID}. Every time it holds a cursor, its state must equal
 * the state of a client that never disconnected at that same cursor; at the end both equal the
 * gateway's REST answer.
 */
@ExtendWith(RunningSystem.Extension.class)
class SseChaosTest {

    private static final int DISCONNECTS = Integer.getInteger("reliability.sse-disconnects", 100);
    private static final int APPLICATIONS = 8;
    private static final Duration EVENT_WAIT = Duration.ofSeconds(5);

    private final Random random = new Random(7);
    private final String suffix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    private final String workspace = "chaos-" + suffix;

    @Test
    void aClientThatKeepsReconnectingWithItsCursorAlwaysHoldsTheServersState(RunningSystem system) throws Exception {
        SeededApplications seeded = new SeededApplications(system);
        List<String> applications = new ArrayList<>();
        for (int i = 1; i <= APPLICATIONS; i++) {
            applications.add("chaos-" + suffix + "-" + i);
            seeded.partial(applications.get(i - 1), workspace);
        }
        String token = system.tokens().member("chaos-member", workspace);
        String url = system.gateway().baseUrl() + "/api/workspaces/" + workspace + "/provisioning-issues/stream";

        Map<String, String> referenceStates = new ConcurrentHashMap<>();
        IssueState reference = new IssueState();
        AtomicInteger referenceEvents = new AtomicInteger();
        try (SseConnection steady = new SseConnection(url, token, null)) {
            Thread follower = new Thread(() -> follow(steady, reference, referenceStates, referenceEvents), "reference");
            follower.setDaemon(true);
            follower.start();
            await("reference snapshot").atMost(Duration.ofSeconds(30)).until(() -> referenceEvents.get() > 0);

            IssueBurst burst = new IssueBurst(seeded, applications);
            burst.start(Duration.ofMillis(100));
            IssueState chaos = new IssueState();
            String cursor = null;
            int compared = 0;
            int resyncs = 0;
            List<String> mismatches = new ArrayList<>();
            for (int disconnect = 1; disconnect <= DISCONNECTS; disconnect++) {
                try (SseConnection connection = new SseConnection(url, token, cursor)) {
                    int toRead = 1 + random.nextInt(4);
                    for (int read = 0; read < toRead; read++) {
                        SseConnection.Event event = connection.next(EVENT_WAIT);
                        if (event == null) {
                            break;
                        }
                        if (!chaos.apply(event)) {
                            cursor = null;
                            resyncs++;
                            break;
                        }
                        if (event.id() != null && !event.id().isEmpty()) {
                            cursor = event.id();
                            String expected = referenceState(referenceStates, cursor);
                            if (expected != null) {
                                compared++;
                                if (!expected.equals(chaos.canonical())) {
                                    mismatches.add("at " + cursor + " after disconnect " + disconnect + ":\n  client "
                                            + chaos.canonical() + "\n  server " + expected);
                                }
                            }
                        }
                    }
                }
            }
            burst.stop();

            String finalCursor = cursor;
            try (SseConnection last = new SseConnection(url, token, finalCursor)) {
                await("the client catches up with the server").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> {
                            SseConnection.Event event = last.next(Duration.ofMillis(200));
                            if (event != null && !chaos.apply(event)) {
                                throw new AssertionError("resync after the burst with cursor " + finalCursor);
                            }
                            return chaos.applications().equals(restApplications(system, token))
                                    && chaos.canonical().equals(reference.canonical());
                        });
            }
            System.out.printf("SSE chaos: %d disconnects/reconnects with Last-Event-ID during a burst of %d events; "
                            + "%d states compared with a steady client at the same cursor, %d mismatches, %d resyncs%n",
                    DISCONNECTS, burst.events(), compared, mismatches.size(), resyncs);
            assertThat(mismatches).as("client states that differ from the server's at the same cursor").isEmpty();
            assertThat(compared).as("states compared").isGreaterThanOrEqualTo(DISCONNECTS);
        }
    }

    private static void follow(SseConnection steady, IssueState reference, Map<String, String> states,
            AtomicInteger events) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                SseConnection.Event event = steady.next(Duration.ofSeconds(1));
                if (event == null) {
                    continue;
                }
                synchronized (reference) {
                    if (!reference.apply(event)) {
                        throw new IllegalStateException("the steady client was told to resync");
                    }
                    if (event.id() != null && !event.id().isEmpty()) {
                        states.put(event.id(), reference.canonical());
                    }
                }
                events.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The steady client's state at {@code cursor}, once it got there; {@code null} for a cursor it never saw (a snapshot's). */
    private static String referenceState(Map<String, String> states, String cursor) {
        try {
            await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .until(() -> states.containsKey(cursor));
        } catch (ConditionTimeoutException neverSeen) {
            return null;
        }
        return states.get(cursor);
    }

    /** The gateway's REST answer for the same scope: the applications with issues, by id. */
    private Map<String, JsonNode> restApplications(RunningSystem system, String token) {
        Map<String, JsonNode> applications = new TreeMap<>();
        system.gateway().get("/api/workspaces/" + workspace + "/provisioning-issues", token).json()
                .path("applications").forEach(application ->
                        applications.put(application.path("applicationId").asString(), application));
        return applications;
    }
}
