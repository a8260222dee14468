package dev.provisioningstatus.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.gateway.AdminOnlyText;
import dev.provisioningstatus.gateway.GatewayIntegrationTest;
import dev.provisioningstatus.gateway.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Scans everything a workspace member can get from the gateway (REST bodies, SSE events, error
 * bodies) while the applications carry admin-only text in every field a producer could fill:
 * none of it may contain a stack trace, an IP address, a host name or a workflow id.
 */
class MemberPayloadScanTest extends GatewayIntegrationTest {

    private static final Duration GENEROUSLY = Duration.ofSeconds(30);
    private static final int RETRIES_PER_CALLER = 5;

    @DynamicPropertySource
    static void aSmallRetryBudget(DynamicPropertyRegistry registry) {
        // Small enough to reach 429 in a few requests; its own context, so other tests keep their budget.
        registry.add("provisioning.gateway.retry.requests-per-caller", () -> RETRIES_PER_CALLER);
    }

    @BeforeEach
    void applicationsWithAdminOnlyTextInEveryState() {
        given(AdminOnlyText.failed("scan-failed", "scan-a", 1),
                AdminOnlyText.partial("scan-partial", "scan-a", 1),
                AdminOnlyText.retrying("scan-retrying", "scan-a", 1),
                AdminOnlyText.completed("scan-done", "scan-a", 1),
                AdminOnlyText.pending("scan-pending", "scan-a", 1),
                AdminOnlyText.failed("scan-foreign", "scan-b", 1),
                AdminOnlyText.failed("scan-live-failed", "scan-live", 1),
                AdminOnlyText.partial("scan-live-partial", "scan-live", 1));
    }

    @Test
    void theScanFindsEveryKindOfAdminOnlyTextInWhatAdminsSee() {
        String full = body(HttpMethod.GET, "/api/applications/scan-failed/provisioning", TestTokens.admin("scan-admin"),
                200);

        assertThat(AdminOnlyText.kindsIn(full)).containsExactlyInAnyOrderElementsOf(AdminOnlyText.kinds());
    }

    @Test
    void restBodiesShowMembersNoAdminOnlyText() {
        String member = TestTokens.member("scan-reader", "scan-a");
        Map<String, String> payloads = new LinkedHashMap<>();

        payloads.put("workspace list", body(HttpMethod.GET, "/api/workspaces/scan-a/provisioning-issues", member, 200));
        for (String applicationId : List.of("scan-failed", "scan-partial", "scan-retrying", "scan-done", "scan-pending")) {
            payloads.put(applicationId, body(HttpMethod.GET, "/api/applications/" + applicationId + "/provisioning",
                    member, 200));
        }
        payloads.put("retry accepted", body(HttpMethod.POST, "/api/applications/scan-failed/provisioning/retry",
                member, 202));

        assertThat(payloads.get("workspace list")).contains("scan-failed", "scan-partial", "scan-retrying");
        assertNoAdminOnlyText(payloads);
    }

    @Test
    void errorBodiesShowMembersNoAdminOnlyText() {
        String member = TestTokens.member("scan-alice", "scan-a");
        String writer = TestTokens.memberWithScope("scan-writer", "applications:write", "scan-a");
        Map<String, String> payloads = new LinkedHashMap<>();

        payloads.put("400 malformed id", body(HttpMethod.GET, "/api/applications/Scan_Bad/provisioning", member, 400));
        payloads.put("400 malformed idempotency key", exchange(HttpMethod.POST,
                "/api/applications/scan-failed/provisioning/retry", member,
                request -> request.header("Idempotency-Key", "not valid")).expectStatus().isEqualTo(400)
                .expectBody(String.class).returnResult().getResponseBody());
        payloads.put("400 unreadable body", register(writer, MediaType.APPLICATION_JSON, "{\"name\":", 400));
        payloads.put("401 expired", body(HttpMethod.GET, "/api/applications/scan-failed/provisioning",
                TestTokens.expired("scan-alice", "scan-a"), 401));
        payloads.put("401 forged", body(HttpMethod.GET, "/api/applications/scan-failed/provisioning",
                TestTokens.forged("scan-alice"), 401));
        payloads.put("403 other workspace", body(HttpMethod.GET, "/api/workspaces/scan-b/provisioning-issues",
                member, 403));
        payloads.put("403 other workspace stream", body(HttpMethod.GET,
                "/api/workspaces/scan-b/provisioning-issues/stream", member, 403));
        payloads.put("403 admin list", body(HttpMethod.GET, "/api/admin/provisioning-issues", member, 403));
        payloads.put("404 foreign application", body(HttpMethod.GET, "/api/applications/scan-foreign/provisioning",
                member, 404));
        payloads.put("404 foreign retry", body(HttpMethod.POST, "/api/applications/scan-foreign/provisioning/retry",
                member, 404));
        payloads.put("409 in progress", body(HttpMethod.POST, "/api/applications/scan-retrying/provisioning/retry",
                member, 409));
        payloads.put("409 completed", body(HttpMethod.POST, "/api/applications/scan-done/provisioning/retry",
                member, 409));
        payloads.put("409 exists", register(writer, MediaType.APPLICATION_JSON, """
                {"applicationId":"scan-foreign","name":"Again","workspaceId":"scan-a","workspaceName":"A",
                 "environments":["dev"]}""", 409));
        payloads.put("413 too large", register(writer, MediaType.APPLICATION_JSON,
                "{\"name\":\"" + "x".repeat(100_000) + "\"}", 413));
        payloads.put("415 wrong content type", register(writer, MediaType.TEXT_PLAIN, "name=x", 415));
        payloads.put("422 key reused", reusedIdempotencyKey());
        payloads.put("429 too many", tooManyRetries());

        assertThat(payloads.get("409 in progress")).contains("\"attempt\":2");
        assertNoAdminOnlyText(payloads);
    }

    @Test
    void streamEventsShowMembersNoAdminOnlyText() {
        String member = TestTokens.member("scan-viewer", "scan-live");
        List<String> payloads = new ArrayList<>();
        List<ServerSentEvent<String>> live = new ArrayList<>();

        StepVerifier.create(stream(member, null, payloads).doOnNext(live::add))
                .expectNextMatches(event -> "snapshot".equals(event.event()))
                .then(() -> {
                    given(AdminOnlyText.failed("scan-live-new", "scan-live", 1));
                    given(AdminOnlyText.retrying("scan-live-failed", "scan-live", 2));
                    given(AdminOnlyText.partial("scan-live-partial", "scan-live", 2));
                    given(AdminOnlyText.completed("scan-live-failed", "scan-live", 3));
                })
                .expectNextCount(6)
                .thenCancel()
                .verify(GENEROUSLY);
        List<ServerSentEvent<String>> caughtUp = stream(member, live.get(0).id(), payloads)
                .takeUntil(event -> "summary".equals(event.event()))
                .collectList().block(GENEROUSLY);
        ServerSentEvent<String> resync = stream(member, "0.0.2", payloads).blockFirst(GENEROUSLY);

        assertThat(live).extracting(ServerSentEvent::event)
                .containsExactly("snapshot", "status", "summary", "status", "summary", "status", "status");
        assertThat(live.get(0).data()).contains("scan-live-failed", "scan-live-partial");
        assertThat(caughtUp).as("the latest state of each application changed since the snapshot, then a summary")
                .extracting(ServerSentEvent::event).containsExactly("status", "status", "status", "summary");
        assertThat(resync.event()).isEqualTo("resync");
        assertThat(payloads).allSatisfy(payload -> assertThat(AdminOnlyText.findIn(payload))
                .as("admin-only text in the stream's %s", payload).isEmpty());
    }

    private String reusedIdempotencyKey() {
        String member = TestTokens.member("scan-keyholder", "scan-a");
        Function<WebTestClient.RequestBodySpec, WebTestClient.RequestHeadersSpec<?>> key =
                request -> request.header("Idempotency-Key", "scan-key-1");
        exchange(HttpMethod.POST, "/api/applications/scan-partial/provisioning/retry", member, key)
                .expectStatus().isAccepted()
                .expectBody().returnResult();
        return exchange(HttpMethod.POST, "/api/applications/scan-failed/provisioning/retry", member, key)
                .expectStatus().isEqualTo(422)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private String tooManyRetries() {
        String member = TestTokens.member("scan-hasty", "scan-a");
        for (int i = 0; i < RETRIES_PER_CALLER; i++) {
            body(HttpMethod.POST, "/api/applications/scan-partial/provisioning/retry", member, 202);
        }
        return body(HttpMethod.POST, "/api/applications/scan-partial/provisioning/retry", member, 429);
    }

    private String register(String token, MediaType contentType, String body, int expectedStatus) {
        return exchange(HttpMethod.POST, "/api/applications", token,
                request -> request.contentType(contentType).bodyValue(body))
                .expectStatus().isEqualTo(expectedStatus)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private String body(HttpMethod method, String path, String token, int expectedStatus) {
        WebTestClient.ResponseSpec response = exchange(method, path, token, request -> request)
                .expectStatus().isEqualTo(expectedStatus);
        if (expectedStatus >= 400) {
            response.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        return response.expectBody(String.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec exchange(HttpMethod method, String path, String token,
            Function<WebTestClient.RequestBodySpec, WebTestClient.RequestHeadersSpec<?>> customizer) {
        return customizer.apply(client.method(method).uri(path).headers(headers -> headers.setBearerAuth(token)))
                .exchange();
    }

    /** The workspace stream's named events; every event and comment, as sent, goes to {@code payloads}. */
    private Flux<ServerSentEvent<String>> stream(String token, String lastEventId, List<String> payloads) {
        return client.get().uri("/api/workspaces/scan-live/provisioning-issues/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(headers -> {
                    headers.setBearerAuth(token);
                    if (lastEventId != null) {
                        headers.set("Last-Event-ID", lastEventId);
                    }
                })
                .exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                })
                .getResponseBody()
                // Not the id: a cursor of topic positions, whose dotted offsets can read as an IPv4 address.
                .doOnNext(event -> payloads.add("event:" + event.event() + " comment:" + event.comment()
                        + " data:" + event.data()))
                .filter(event -> event.event() != null);
    }

    private static void assertNoAdminOnlyText(Map<String, String> payloads) {
        payloads.forEach((what, payload) -> assertThat(AdminOnlyText.findIn(payload))
                .as("admin-only text in the %s body %s", what, payload).isEmpty());
    }
}
