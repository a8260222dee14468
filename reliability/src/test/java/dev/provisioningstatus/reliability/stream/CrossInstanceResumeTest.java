package dev.provisioningstatus.reliability.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.reliability.system.RunningSystem;
import dev.provisioningstatus.reliability.system.SeededApplications;
import dev.provisioningstatus.reliability.system.SuiteReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Three gateway instances on one broker, as behind a load balancer. During a burst of changes a
 * client drops its stream over and over (after one to four whole states) and reconnects with its
 * cursor to an instance chosen at random; one instance is killed with SIGKILL mid-burst and started again, and the client goes
 * back to it too. Whichever instance answers, the client's state at every cursor is the state of
 * a client that never disconnected at that cursor, it ends equal to the REST answer, and it is
 * never told to resync.
 */
@ExtendWith(RunningSystem.Extension.class)
class CrossInstanceResumeTest {

    private static final int DISCONNECTS = Integer.getInteger("reliability.sse-disconnects", 100);
    private static final int KILLED = 2;
    private static final int KILL_AT = DISCONNECTS / 3;
    private static final int VISITS_AFTER_RESTART = 5;
    private static final int APPLICATIONS = 8;
    private static final Duration EVENT_WAIT = Duration.ofSeconds(5);

    private final Random random = new Random(15);
    private final String suffix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    private final String workspace = "resume-" + suffix;
    private final String path = "/api/workspaces/" + workspace + "/provisioning-issues/stream";

    @Test
    void aClientReconnectingToAnyInstanceAlwaysHoldsTheStateOfOneThatNeverDisconnected(RunningSystem system)
            throws Exception {
        SeededApplications seeded = new SeededApplications(system);
        List<String> applications = seed(seeded);
        String token = system.tokens().member("resume-member", workspace);

        try (GatewayInstances gateways = new GatewayInstances(system, 2);
                ReferenceClient reference = new ReferenceClient(gateways.baseUrl(0) + path, token)) {
            IssueBurst burst = new IssueBurst(seeded, applications);
            burst.start(Duration.ofMillis(100));
            Roaming client = new Roaming(gateways, token, reference);
            while (client.reconnects < DISCONNECTS || client.visitsAfterRestart < VISITS_AFTER_RESTART) {
                if (client.reconnects == KILL_AT && !client.killed) {
                    gateways.kill(KILLED);
                    client.killed = true;
                    gateways.restart(KILLED);
                }
                client.visit(pick(gateways, client));
            }
            burst.stop();

            client.catchUpWith(gateways.baseUrl(random.nextInt(gateways.count())), () -> restState(system, token),
                    reference);
            SuiteReport.print("Cross-instance resume", "%d reconnects to %d instances (%d to the restarted one, %d "
                            + "refused while it was down) during a burst of %d events; %d states compared with a "
                            + "client that never disconnected, %d mismatches, %d resyncs",
                    client.reconnects, gateways.count(), client.visitsAfterRestart, client.refused, burst.events(),
                    client.compared, client.mismatches.size(), client.resyncs);
            assertThat(client.mismatches).as("states that differ from the never-disconnected client's at the same cursor")
                    .isEmpty();
            assertThat(client.resyncs).as("resync events").isZero();
            assertThat(client.compared).as("states compared").isGreaterThanOrEqualTo(DISCONNECTS);
        }
    }

    /** A random instance; the restarted one whenever it is back and has had too few visits. */
    private int pick(GatewayInstances gateways, Roaming client) {
        if (client.killed && client.visitsAfterRestart < VISITS_AFTER_RESTART && gateways.isReady(KILLED)) {
            return KILLED;
        }
        return random.nextInt(gateways.count());
    }

    private List<String> seed(SeededApplications seeded) {
        List<String> applications = new ArrayList<>();
        for (int i = 1; i <= APPLICATIONS; i++) {
            applications.add(workspace + "-" + i);
            seeded.partial(applications.get(i - 1), workspace);
        }
        return applications;
    }

    private String restState(RunningSystem system, String token) {
        JsonNode list = system.gateway().get("/api/workspaces/" + workspace + "/provisioning-issues", token).json();
        Map<String, JsonNode> applications = new TreeMap<>();
        list.path("applications").forEach(application ->
                applications.put(application.path("applicationId").asString(), application));
        return IssueState.canonical(applications, list.path("count").asInt());
    }

    /** The client that keeps dropping its stream, and what it found on the way. */
    private final class Roaming {
        private final GatewayInstances gateways;
        private final String token;
        private final ReferenceClient reference;
        private final IssueState state = new IssueState();
        private final List<String> mismatches = new ArrayList<>();
        private String cursor;
        private int reconnects;
        private int refused;
        private int compared;
        private int resyncs;
        private int visitsAfterRestart;
        private boolean killed;

        Roaming(GatewayInstances gateways, String token, ReferenceClient reference) {
            this.gateways = gateways;
            this.token = token;
            this.reference = reference;
        }

        /**
         * Connects with its cursor, reads until it got one to four ids (the points where its state is
         * whole), drops the connection. A catch-up's statuses carry no id, so the drop always leaves a
         * cursor behind it, as a browser's would be.
         */
        void visit(int instance) throws InterruptedException {
            try (SseConnection connection = new SseConnection(gateways.baseUrl(instance) + path, token, cursor)) {
                int ids = 1 + random.nextInt(4);
                while (ids > 0) {
                    SseConnection.Event event = connection.next(EVENT_WAIT);
                    if (event == null) {
                        break;
                    }
                    apply(event, instance);
                    if (event.id() != null) {
                        ids--;
                    }
                }
            } catch (IllegalStateException refusedWhileDown) {
                if (!(killed && instance == KILLED)) {
                    throw refusedWhileDown;
                }
                refused++;
                return;
            }
            reconnects++;
            if (killed && instance == KILLED) {
                visitsAfterRestart++;
            }
        }

        private void apply(SseConnection.Event event, int instance) {
            if (!state.apply(event)) {
                resyncs++;
                cursor = null;
                return;
            }
            if (event.id() == null || event.id().isEmpty()) {
                return;
            }
            cursor = event.id();
            String expected = reference.stateAt(cursor);
            compared++;
            if (!expected.equals(state.canonical())) {
                mismatches.add("at " + cursor + " from instance " + instance + " after " + reconnects
                        + " reconnects:\n  client    " + state.canonical() + "\n  reference " + expected);
            }
        }

        /** Once the burst is over: reconnects with its cursor and reads until it holds the REST answer. */
        void catchUpWith(String baseUrl, Supplier<String> rest, ReferenceClient reference) {
            try (SseConnection last = new SseConnection(baseUrl + path, token, cursor)) {
                await("the client ends equal to the REST answer").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> {
                            SseConnection.Event event = last.next(Duration.ofMillis(200));
                            if (event != null && !state.apply(event)) {
                                resyncs++;
                            }
                            return state.canonical().equals(rest.get()) && state.canonical().equals(reference.canonical());
                        });
            }
        }
    }
}
