package dev.provisioningstatus.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.gateway.GatewayIntegrationTest;
import dev.provisioningstatus.gateway.TestTokens;
import dev.provisioningstatus.gateway.TestViews;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

class SecurityBoundaryTest extends GatewayIntegrationTest {

    private static final String MEMBER = TestTokens.member("edge-alice", "edge-a");

    @BeforeEach
    void anApplicationWithIssues() {
        given(TestViews.failed("edge-app", "edge-a", 1));
    }

    @Test
    void aTokenInTheQueryStringIsNeverAccepted() {
        client.get().uri("/api/workspaces/edge-a/provisioning-issues?access_token=" + MEMBER)
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void aServiceTokenWithTheWriteScopeMayRegisterApplications() {
        client.post().uri("/api/applications")
                .headers(headers -> headers.setBearerAuth(TestTokens.service("edge-platform", "applications:write")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Edge service app", "workspaceId", "edge-a", "workspaceName", "Edge A",
                        "environments", List.of("dev", "prod")))
                .exchange()
                .expectStatus().isCreated();
    }

    @Test
    void aServiceTokenWithoutTheWriteScopeMayNot() {
        client.post().uri("/api/applications")
                .headers(headers -> headers.setBearerAuth(TestTokens.service("edge-platform", "applications:read")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Edge", "workspaceId", "edge-a", "workspaceName", "Edge A",
                        "environments", List.of("dev")))
                .exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void aUrlTheFirewallRefusesGetsAProblemDocument() {
        client.get().uri("/api/applications/{id}/provisioning", "a/b")
                .headers(headers -> headers.setBearerAuth(TestTokens.admin("ada")))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(400);
    }

    @Test
    void unknownPathsAreDeniedToAnonymousCallers() {
        client.get().uri("/internal/anything").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void unknownApiPathsAreNotFoundForSignedInCallers() {
        client.get().uri("/api/nothing-here").headers(headers -> headers.setBearerAuth(MEMBER))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void widgetResourcesArePublic() {
        client.get().uri("/widget/not-built-here.js").exchange().expectStatus().isNotFound();
    }

    @Test
    void aPreflightFromAnAllowedOriginMayUseTheStreamHeaders() {
        client.method(HttpMethod.OPTIONS).uri("/api/workspaces/edge-a/provisioning-issues/stream")
                .header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,last-event-id,idempotency-key")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        allowed -> assertThat(allowed.toLowerCase()).contains("authorization", "last-event-id"));
    }

    @Test
    void aPreflightFromAnyOtherOriginIsRefused() {
        client.method(HttpMethod.OPTIONS).uri("/api/workspaces/edge-a/provisioning-issues")
                .header(HttpHeaders.ORIGIN, "https://evil.example.com")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void healthIsPublic() {
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void metricsAreForAdminsOnly() {
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        client.get().uri("/actuator/prometheus").headers(headers -> headers.setBearerAuth(MEMBER))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void theApiDescriptionIsPublicAndListsTheRoutes() {
        client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/workspaces/{workspaceId}/provisioning-issues']").exists()
                .jsonPath("$.paths['/api/applications/{applicationId}/provisioning/retry'].post").exists()
                .jsonPath("$.components.securitySchemes['bearer-jwt'].scheme").isEqualTo("bearer");
    }
}
