package dev.provisioningstatus.reliability.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EventIds;
import dev.provisioningstatus.reliability.system.GatewayClient;
import dev.provisioningstatus.reliability.system.Leaks;
import dev.provisioningstatus.reliability.system.RunningSystem;
import dev.provisioningstatus.reliability.system.SeededApplications;
import dev.provisioningstatus.reliability.system.SuiteReport;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every route and both streams of the running gateway × every kind of caller → the documented
 * status (services/gateway/README.md, "API"); and a scan of everything a member can get (REST,
 * SSE, error bodies) for stack traces, IP addresses, host names and workflow ids.
 */
@ExtendWith(RunningSystem.Extension.class)
class AuthorizationMatrixTest {

    private static final String SUFFIX = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    private static final String WORKSPACE_A = "matrix-a-" + SUFFIX;
    private static final String WORKSPACE_B = "matrix-b-" + SUFFIX;
    private static final String APPLICATION = "matrix-partial-" + SUFFIX;
    private static final String FAILED_APPLICATION = "matrix-failed-" + SUFFIX;
    private static final Duration STREAM_WINDOW = Duration.ofMillis(1500);
    private static final AtomicInteger registrations = new AtomicInteger();
    /** A stream's id line holding a cursor: the view topic's id, then numbers in base 36. */
    private static final Pattern CURSOR_LINE = Pattern.compile("(?m)^id:[0-9A-Za-z_-]{22}(\\.[0-9a-z]{1,12}){2,}\\r?$");

    private enum Caller { ANONYMOUS, MEMBER_A, MEMBER_B, ADMIN, EXPIRED, FORGED, MEMBERSHIP_REMOVED }

    /** One route: how to call it, and what each caller must get. */
    private record Route(String name, Function<Request, GatewayClient.Answer> call, Map<Caller, Integer> expected) {
    }

    private record Request(RunningSystem system, String token) {
    }

    private record Cell(Route route, Caller caller, GatewayClient.Answer answer) {

        /** How the answer differs from the documented one; empty when it does not. */
        Optional<String> deviation() {
            int expected = route.expected().get(caller);
            String where = route.name() + " as " + caller;
            if (answer.status() != expected) {
                return Optional.of(where + ": expected " + expected + ", got " + answer);
            }
            if (expected >= 400 && !answer.contentType().startsWith("application/problem+json")) {
                return Optional.of(where + ": not a problem: " + answer);
            }
            if (expected == 200 && route.name().endsWith("/stream") && !answer.body().contains("event:snapshot")) {
                return Optional.of(where + ": no snapshot: " + answer);
            }
            return Optional.empty();
        }

        /** What a caller saw, headed by where it came from, for the leak scan. */
        String seen() {
            return route.name() + " as " + caller + "\n" + answer.body();
        }
    }

    private static final List<Route> ROUTES = List.of(
            route("GET /api/workspaces/{A}/provisioning-issues",
                    r -> r.system().gateway().get("/api/workspaces/" + WORKSPACE_A + "/provisioning-issues", r.token()),
                    200, 403, 200, 403),
            route("GET /api/workspaces/{A}/provisioning-issues/stream",
                    r -> r.system().gateway().openStream("/api/workspaces/" + WORKSPACE_A
                            + "/provisioning-issues/stream", r.token(), STREAM_WINDOW),
                    200, 403, 200, 403),
            route("GET /api/applications/{A's}/provisioning",
                    r -> r.system().gateway().get("/api/applications/" + APPLICATION + "/provisioning", r.token()),
                    200, 404, 200, 404),
            route("POST /api/applications/{A's}/provisioning/retry",
                    r -> r.system().gateway().send("POST", "/api/applications/" + APPLICATION + "/provisioning/retry",
                            r.token(), Map.of(), null, null),
                    202, 404, 202, 404),
            route("GET /api/admin/provisioning-issues",
                    r -> r.system().gateway().get("/api/admin/provisioning-issues?status=failed,partial", r.token()),
                    403, 403, 200, 403),
            route("GET /api/admin/provisioning-issues/stream",
                    r -> r.system().gateway().openStream("/api/admin/provisioning-issues/stream", r.token(),
                            STREAM_WINDOW),
                    403, 403, 200, 403),
            route("POST /api/admin/provisioning/retry-failed",
                    r -> r.system().gateway().send("POST", "/api/admin/provisioning/retry-failed", r.token(), Map.of(),
                            "application/json", "{\"includePartial\":false}".getBytes()),
                    403, 403, 202, 403),
            route("POST /api/applications",
                    r -> r.system().gateway().postJson("/api/applications", r.token(), Map.of(
                            "applicationId", "matrix-new-" + registrations.incrementAndGet() + "-" + SUFFIX,
                            "name", "Matrix registration", "workspaceId", WORKSPACE_A, "workspaceName", "Matrix A",
                            "environments", List.of("dev", "prod"))),
                    403, 403, 201, 403),
            route("GET /actuator/prometheus",
                    r -> r.system().gateway().get("/actuator/prometheus", r.token()),
                    403, 403, 200, 403));

    /** Anonymous, expired and forged are 401 everywhere; the others as given. */
    private static Route route(String name, Function<Request, GatewayClient.Answer> call, int memberA, int memberB,
            int admin, int membershipRemoved) {
        Map<Caller, Integer> expected = new LinkedHashMap<>();
        expected.put(Caller.ANONYMOUS, 401);
        expected.put(Caller.MEMBER_A, memberA);
        expected.put(Caller.MEMBER_B, memberB);
        expected.put(Caller.ADMIN, admin);
        expected.put(Caller.EXPIRED, 401);
        expected.put(Caller.FORGED, 401);
        expected.put(Caller.MEMBERSHIP_REMOVED, membershipRemoved);
        return new Route(name, call, expected);
    }

    @BeforeAll
    static void seedApplications(RunningSystem system) {
        SeededApplications seeded = new SeededApplications(system);
        seeded.partial(APPLICATION, WORKSPACE_A);
        seeded.failed(FAILED_APPLICATION, WORKSPACE_A);
    }

    @Test
    void everyRouteAndStreamAnswersEveryKindOfCallerAsDocumented(RunningSystem system) {
        List<Cell> cells = callAll(system, List.of(Caller.values()));
        List<String> wrong = cells.stream().map(Cell::deviation).flatMap(Optional::stream).toList();
        SuiteReport.print("Authorization matrix", "%d routes x %d callers = %d cells, %d as documented",
                ROUTES.size(), Caller.values().length, cells.size(), cells.size() - wrong.size());
        assertThat(wrong).as("cells answered otherwise than documented").isEmpty();
    }

    @Test
    void nothingAMemberCanSeeCarriesStackTracesAddressesHostsOrWorkflowIds(RunningSystem system) throws Exception {
        GatewayClient.Answer adminView = system.gateway().get("/api/applications/" + APPLICATION + "/provisioning",
                system.tokens().admin("matrix-admin"));
        assertThat(adminView.body()).as("the bait is in the system (admins see it)")
                .contains("10.20.30.40", "kafka-stage-0.internal.example.com", EventIds.workflowId(APPLICATION));

        List<Caller> nonAdmins = List.of(Caller.ANONYMOUS, Caller.MEMBER_A, Caller.MEMBER_B, Caller.EXPIRED,
                Caller.FORGED, Caller.MEMBERSHIP_REMOVED);
        List<String> responses = new ArrayList<>(callAll(system, nonAdmins).stream().map(Cell::seen).toList());
        responses.add("member A's live stream while the application fails again\n" + liveStreamDuringAFailure(system));

        List<String> found = leaksIn(responses);
        SuiteReport.print("Member payload scan", "%d member-visible responses (REST, SSE, errors), %d leaks",
                responses.size(), found.size());
        assertThat(found).as("internals in member-visible responses").isEmpty();
    }

    /** A member's stream while a new attempt starts and fails with internal error text: status events included. */
    private static String liveStreamDuringAFailure(RunningSystem system) throws InterruptedException {
        String token = system.tokens().member("matrix-member-a", WORKSPACE_A);
        StringBuilder stream = new StringBuilder();
        CountDownLatch opened = new CountDownLatch(1);
        Thread reader = new Thread(() -> stream.append(system.gateway().openStream(
                "/api/workspaces/" + WORKSPACE_A + "/provisioning-issues/stream", token, Duration.ofSeconds(10),
                opened::countDown).body()), "member-stream");
        reader.start();
        SeededApplications seeded = new SeededApplications(system);
        assertThat(opened.await(10, TimeUnit.SECONDS)).as("the member's stream opened").isTrue();
        int attempt = SeededApplications.SEEDED_ATTEMPT + 1;
        seeded.started(APPLICATION, attempt);
        seeded.succeeded(APPLICATION, attempt, Environment.DEV);
        seeded.failedWithInternals(APPLICATION, attempt, Environment.STAGE);
        seeded.failedWithInternals(APPLICATION, attempt, Environment.PROD);
        seeded.awaitView(APPLICATION, view -> view.path("attempt").asInt() == attempt
                && view.path("status").asString("").equals("partial"), "attempt " + attempt + " partial");
        reader.join();
        assertThat(stream.toString()).as("the stream carried the change").contains("event:status");
        return stream.toString();
    }

    /**
     * Each leak found, as {@code what: 'match'} with the start of the response it is in. Streams' id lines in the
     * cursor's shape (the view topic's id, then numbers in base 36) are not scanned: the gateway makes them from
     * positions, never from event text, and their dotted numbers (or a stretch of the topic id beside them) can
     * read as an IPv4 address. An id line of any other shape is scanned.
     */
    private static List<String> leaksIn(List<String> responses) {
        return responses.stream()
                .map(response -> CURSOR_LINE.matcher(response).replaceAll("id:(cursor)"))
                .flatMap(response -> Leaks.in(response).stream()
                        .map(leak -> leak + " in " + response.substring(0, Math.min(response.length(), 1500))))
                .toList();
    }

    private static List<Cell> callAll(RunningSystem system, List<Caller> callers) {
        List<Cell> cells = new ArrayList<>();
        for (Route route : ROUTES) {
            for (Caller caller : callers) {
                cells.add(new Cell(route, caller, route.call().apply(new Request(system, token(system, caller)))));
            }
        }
        return cells;
    }

    private static String token(RunningSystem system, Caller caller) {
        return switch (caller) {
            case ANONYMOUS -> null;
            case MEMBER_A -> system.tokens().member("matrix-member-a", WORKSPACE_A);
            case MEMBER_B -> system.tokens().member("matrix-member-b", WORKSPACE_B);
            case ADMIN -> system.tokens().admin("matrix-admin");
            case EXPIRED -> system.tokens().expiredMember("matrix-member-a", WORKSPACE_A);
            case FORGED -> system.tokens().forgedAdmin("matrix-member-a");
            // The same user after leaving workspace A: a fresh, valid token that no longer lists it.
            case MEMBERSHIP_REMOVED -> system.tokens().member("matrix-member-a", WORKSPACE_B);
        };
    }
}
