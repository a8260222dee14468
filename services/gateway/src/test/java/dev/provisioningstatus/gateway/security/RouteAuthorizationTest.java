package dev.provisioningstatus.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.EventIds;
import dev.provisioningstatus.events.WebhookDeliveryAttempt;
import dev.provisioningstatus.events.WebhookDeliveryOutcome;
import dev.provisioningstatus.events.WebhookTransition;
import dev.provisioningstatus.gateway.GatewayIntegrationTest;
import dev.provisioningstatus.gateway.TestTokens;
import dev.provisioningstatus.gateway.TestViews;
import dev.provisioningstatus.gateway.TestWebhooks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every route against every kind of caller: the status, and that members never see another
 * workspace's applications or admin-only fields.
 */
class RouteAuthorizationTest extends GatewayIntegrationTest {

    private static final String OWN_APP = "authz-app-a";
    private static final String FOREIGN_APP = "authz-app-b";
    private static final String OWN_HOOK = "a0a0a0a0-0000-4000-8000-00000000000a";
    private static final String OWN_DELETABLE_HOOK = "a0a0a0a0-0000-4000-8000-00000000000d";
    private static final String FOREIGN_HOOK = "a0a0a0a0-0000-4000-8000-00000000000b";
    private static final String PLATFORM_HOOK = "a0a0a0a0-0000-4000-8000-00000000000f";
    private static final String PLATFORM_DELETABLE_HOOK = "a0a0a0a0-0000-4000-8000-00000000000e";
    private static final WebhookDeliveryAttempt OWN_DELIVERY = deadLettered(OWN_HOOK);
    private static final WebhookDeliveryAttempt PLATFORM_DELIVERY = deadLettered(PLATFORM_HOOK);

    enum Who {
        ANONYMOUS, MEMBER, OTHER_MEMBER, ADMIN, EXPIRED, FORGED;

        String token() {
            return switch (this) {
                case ANONYMOUS -> null;
                case MEMBER -> TestTokens.member("authz-alice", "authz-a");
                case OTHER_MEMBER -> TestTokens.member("authz-bob", "authz-b");
                case ADMIN -> TestTokens.admin("authz-admin");
                case EXPIRED -> TestTokens.expired("authz-alice", "authz-a");
                case FORGED -> TestTokens.forged("authz-mallory");
            };
        }

        boolean isMember() {
            return this == MEMBER || this == OTHER_MEMBER;
        }
    }

    enum Route {
        WORKSPACE_ISSUES(HttpMethod.GET, "/api/workspaces/authz-a/provisioning-issues", 200, 403, 200),
        WORKSPACE_STREAM(HttpMethod.GET, "/api/workspaces/authz-a/provisioning-issues/stream", 200, 403, 200),
        // A malformed id names no workspace: 400 for every signed-in caller, member or not.
        MALFORMED_WORKSPACE_ISSUES(HttpMethod.GET, "/api/workspaces/Authz_A/provisioning-issues", 400, 400, 400),
        MALFORMED_WORKSPACE_STREAM(HttpMethod.GET, "/api/workspaces/Authz_A/provisioning-issues/stream", 400, 400, 400),
        APPLICATION(HttpMethod.GET, "/api/applications/" + OWN_APP + "/provisioning", 200, 404, 200),
        RETRY(HttpMethod.POST, "/api/applications/" + OWN_APP + "/provisioning/retry", 202, 404, 202),
        ADMIN_ISSUES(HttpMethod.GET, "/api/admin/provisioning-issues", 403, 403, 200),
        ADMIN_STREAM(HttpMethod.GET, "/api/admin/provisioning-issues/stream", 403, 403, 200),
        BULK_RETRY(HttpMethod.POST, "/api/admin/provisioning/retry-failed", 403, 403, 202),
        REGISTER(HttpMethod.POST, "/api/applications", 403, 403, 201),
        DELETE(HttpMethod.DELETE, "/api/applications/" + OWN_APP, 403, 403, 202),
        WORKSPACE_WEBHOOKS(HttpMethod.GET, "/api/workspaces/authz-a/webhooks", 200, 403, 200),
        WORKSPACE_WEBHOOK_CREATE(HttpMethod.POST, "/api/workspaces/authz-a/webhooks", 201, 403, 201),
        WORKSPACE_WEBHOOK(HttpMethod.GET, "/api/workspaces/authz-a/webhooks/" + OWN_HOOK, 200, 403, 200),
        // Another workspace's subscription is not found on this workspace's route, not even for admins.
        WORKSPACE_FOREIGN_WEBHOOK(HttpMethod.GET, "/api/workspaces/authz-a/webhooks/" + FOREIGN_HOOK, 404, 403, 404),
        WORKSPACE_FOREIGN_WEBHOOK_DELETE(HttpMethod.DELETE, "/api/workspaces/authz-a/webhooks/" + FOREIGN_HOOK, 404,
                403, 404),
        WORKSPACE_WEBHOOK_DELETE(HttpMethod.DELETE, "/api/workspaces/authz-a/webhooks/" + OWN_DELETABLE_HOOK, 204, 403,
                204),
        WORKSPACE_WEBHOOK_DELIVERIES(HttpMethod.GET, "/api/workspaces/authz-a/webhooks/" + OWN_HOOK + "/deliveries",
                200, 403, 200),
        WORKSPACE_WEBHOOK_REDELIVER(HttpMethod.POST, "/api/workspaces/authz-a/webhooks/" + OWN_HOOK + "/deliveries/"
                + OWN_DELIVERY.deliveryId() + "/redeliver", 202, 403, 202),
        PLATFORM_WEBHOOKS(HttpMethod.GET, "/api/admin/webhooks", 403, 403, 200),
        PLATFORM_WEBHOOK_CREATE(HttpMethod.POST, "/api/admin/webhooks", 403, 403, 201),
        PLATFORM_WEBHOOK(HttpMethod.GET, "/api/admin/webhooks/" + PLATFORM_HOOK, 403, 403, 200),
        PLATFORM_WEBHOOK_DELETE(HttpMethod.DELETE, "/api/admin/webhooks/" + PLATFORM_DELETABLE_HOOK, 403, 403, 204),
        PLATFORM_WEBHOOK_DELIVERIES(HttpMethod.GET, "/api/admin/webhooks/" + PLATFORM_HOOK + "/deliveries", 403, 403,
                200),
        PLATFORM_WEBHOOK_REDELIVER(HttpMethod.POST, "/api/admin/webhooks/" + PLATFORM_HOOK + "/deliveries/"
                + PLATFORM_DELIVERY.deliveryId() + "/redeliver", 403, 403, 202);

        final HttpMethod method;
        final String path;
        final int member;
        final int otherMember;
        final int admin;

        Route(HttpMethod method, String path, int member, int otherMember, int admin) {
            this.method = method;
            this.path = path;
            this.member = member;
            this.otherMember = otherMember;
            this.admin = admin;
        }

        int expectedFor(Who who) {
            return switch (who) {
                case MEMBER -> member;
                case OTHER_MEMBER -> otherMember;
                case ADMIN -> admin;
                default -> 401;
            };
        }

        boolean isStream() {
            return path.endsWith("/stream");
        }
    }

    static Stream<Arguments> everyRouteForEveryCaller() {
        List<Arguments> cases = new ArrayList<>();
        for (Route route : Route.values()) {
            for (Who who : Who.values()) {
                cases.add(Arguments.of(route, who, route.expectedFor(who)));
            }
        }
        return cases.stream();
    }

    @BeforeEach
    void twoWorkspacesWithAFailedApplicationEach() {
        given(TestViews.failed(OWN_APP, "authz-a", 1), TestViews.failed(FOREIGN_APP, "authz-b", 1));
    }

    @BeforeEach
    void webhooksOfBothWorkspacesAndThePlatformWithADeadLetteredDeliveryEach() {
        givenWebhooks(List.of(TestWebhooks.workspaceSubscription(OWN_HOOK, "authz-a"),
                        TestWebhooks.workspaceSubscription(OWN_DELETABLE_HOOK, "authz-a"),
                        TestWebhooks.workspaceSubscription(FOREIGN_HOOK, "authz-b"),
                        TestWebhooks.platformSubscription(PLATFORM_HOOK),
                        TestWebhooks.platformSubscription(PLATFORM_DELETABLE_HOOK)),
                List.of(OWN_DELIVERY, PLATFORM_DELIVERY));
    }

    private static WebhookDeliveryAttempt deadLettered(String subscriptionId) {
        return WebhookDeliveryAttempt.of(subscriptionId, EventIds.of("authz", subscriptionId), OWN_APP,
                WebhookTransition.FAILED, 5, Instant.parse("2026-12-01T00:00:00Z"), 503, 12, "HTTP 503",
                WebhookDeliveryOutcome.DEAD_LETTERED);
    }

    @ParameterizedTest(name = "{0} as {1} → {2}")
    @MethodSource("everyRouteForEveryCaller")
    void routeAnswersEachCallerAsSpecified(Route route, Who who, int expectedStatus) {
        String body = route.isStream() && expectedStatus == 200
                ? firstStreamEvents(route, who)
                : Objects.requireNonNullElse(call(route, who).expectStatus().isEqualTo(expectedStatus)
                        .expectBody(String.class).returnResult().getResponseBody(), "");

        if (expectedStatus >= 400) {
            assertThat(body).contains("\"status\":" + expectedStatus);
            // The problem's instance is the path the caller asked for: it tells them nothing new.
            assertThat(body.replace("\"instance\":\"" + route.path + "\"", ""))
                    .doesNotContain(OWN_APP + "\"", FOREIGN_APP);
        }
        if (who.isMember()) {
            assertThat(body).doesNotContain("workflowId", "errorDetail", "eventId", "history",
                    TestViews.ADMIN_ONLY_DETAIL.substring(0, 30), "10.0.0.5");
        }
        if (who == Who.MEMBER) {
            assertThat(body).doesNotContain(FOREIGN_APP);
        }
        if (who == Who.MEMBER && expectedStatus < 400) {
            // A refusal names the id the caller asked for; an answer never names another workspace's webhook.
            assertThat(body).doesNotContain(FOREIGN_HOOK);
        }
        if (route.method == HttpMethod.GET) {
            assertThat(body).doesNotContain("whsec_", "encryptedSecret", "secret\"");
        }
    }

    @ParameterizedTest(name = "{0} as {1} → {2}")
    @MethodSource("everyRouteForEveryCaller")
    void refusalsAreProblemDocuments(Route route, Who who, int expectedStatus) {
        if (expectedStatus < 400) {
            return;
        }
        EntityExchangeResult<byte[]> result = call(route, who).expectStatus().isEqualTo(expectedStatus)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("about:blank").jsonPath("$.title").isNotEmpty()
                .jsonPath("$.detail").isNotEmpty()
                .returnResult();
        if (expectedStatus == 401) {
            assertThat(result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        }
    }

    private WebTestClient.ResponseSpec call(Route route, Who who) {
        WebTestClient.RequestBodySpec request = client.method(route.method).uri(route.path)
                .accept(route.isStream() ? MediaType.TEXT_EVENT_STREAM : MediaType.APPLICATION_JSON);
        if (who.token() != null) {
            request.headers(headers -> headers.setBearerAuth(who.token()));
        }
        if (route == Route.REGISTER) {
            return request.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of(
                    "name", "Authz registered", "workspaceId", "authz-a", "workspaceName", "Authz A",
                    "environments", List.of("dev"))).exchange();
        }
        if (route == Route.WORKSPACE_WEBHOOK_CREATE || route == Route.PLATFORM_WEBHOOK_CREATE) {
            return request.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of(
                    "url", TestWebhooks.RECEIVER_URL, "transitions", List.of("failed"))).exchange();
        }
        return request.exchange();
    }

    /** The stream never ends: read its opening and snapshot, then hang up. */
    private String firstStreamEvents(Route route, Who who) {
        FluxExchangeResult<ServerSentEvent<String>> result = call(route, who)
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
                .expectHeader().valueEquals("X-Accel-Buffering", "no")
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                });
        List<ServerSentEvent<String>> events = result.getResponseBody()
                .filter(event -> event.event() != null)
                .take(1)
                .collectList()
                .block(Duration.ofSeconds(20));
        assertThat(events).extracting(ServerSentEvent::event).containsExactly("snapshot");
        return events.get(0).data();
    }
}
