package dev.provisioningstatus.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.gateway.GatewayIntegrationTest;
import dev.provisioningstatus.gateway.TestTokens;
import dev.provisioningstatus.gateway.TestViews;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Bad requests to the command routes get a clear problem and change nothing. */
class CommandRequestErrorsTest extends GatewayIntegrationTest {

    private static final String ADMIN = TestTokens.admin("errors-admin");
    private static final String MEMBER = TestTokens.member("errors-alice", "errors-a");

    @BeforeEach
    void applicationsInEveryState() {
        given(TestViews.inProgress("errors-running", "errors-a", 3, 1),
                TestViews.completed("errors-done", "errors-a", 1),
                TestViews.pending("errors-new", "errors-a", 1),
                TestViews.failed("errors-existing", "errors-a", 1),
                TestViews.deprovisioning("errors-deleting", "errors-a", false, 2),
                TestViews.deprovisioning("errors-deleting-failed", "errors-a", true, 2));
    }

    private WebTestClient.ResponseSpec delete(String applicationId, String token) {
        return client.delete().uri("/api/applications/" + applicationId)
                .headers(headers -> headers.setBearerAuth(token)).exchange();
    }

    private WebTestClient.RequestBodySpec register() {
        return client.post().uri("/api/applications").headers(headers -> headers.setBearerAuth(ADMIN));
    }

    private WebTestClient.ResponseSpec retry(String applicationId) {
        return client.post().uri("/api/applications/" + applicationId + "/provisioning/retry")
                .headers(headers -> headers.setBearerAuth(MEMBER)).exchange();
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequest() {
        register().contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anIncompleteApplicationIsABadRequestNamingWhatIsMissing() {
        register().contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "No workspace"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString())
                        .contains("workspaceId", "workspaceName", "environments"));
    }

    @Test
    void aBodyOfAnotherContentTypeIsUnsupported() {
        register().contentType(MediaType.TEXT_PLAIN).bodyValue("name=x")
                .exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anOversizedBodyIsTooLarge() {
        register().contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "x".repeat(100_000), "workspaceId", "errors-a", "workspaceName", "E",
                        "environments", List.of("dev")))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void registeringAnExistingApplicationIsAConflict() {
        register().contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("applicationId", "errors-existing", "name", "Again", "workspaceId", "errors-a",
                        "workspaceName", "E", "environments", List.of("dev")))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void retryWhileInProgressIsAConflictNamingTheRunningAttempt() {
        retry("errors-running")
                .expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.attempt").isEqualTo(3)
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("attempt 3"));
    }

    @Test
    void retryOfACompletedApplicationIsAConflict() {
        retry("errors-done").expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.status").isEqualTo(409)
                .jsonPath("$.provisioningStatus").isEqualTo("completed");
    }

    @Test
    void retryOfAPendingApplicationIsAConflict() {
        retry("errors-new").expectStatus().isEqualTo(409);
    }

    @Test
    void retryOfAnUnknownApplicationIsNotFound() {
        retry("errors-nobody").expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void retryOfAMalformedIdIsABadRequest() {
        retry("Errors_Bad").expectStatus().isBadRequest();
    }

    @Test
    void deletingAnUnknownApplicationIsNotFound() {
        delete("errors-nobody", ADMIN).expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void deletingAMalformedIdIsABadRequest() {
        delete("Errors_Bad", ADMIN).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void deletingWhileDeprovisioningRunsIsAConflict() {
        delete("errors-deleting", ADMIN).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.provisioningStatus").isEqualTo("deprovisioning");
    }

    @Test
    void deletingAgainAfterAFailedDeprovisioningIsAcceptedAsItsRetry() {
        delete("errors-deleting-failed", ADMIN).expectStatus().isAccepted().expectBody()
                .jsonPath("$.applicationId").isEqualTo("errors-deleting-failed");
    }

    @Test
    void aServiceWithTheApplicationsWriteScopeMayDelete() {
        delete("errors-done", TestTokens.service("errors-platform", "applications:write")).expectStatus().isAccepted();
    }

    @Test
    void aMemberMayNotDeleteEvenAnApplicationOfTheirWorkspace() {
        delete("errors-done", MEMBER).expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aRetryOfAFailedDeprovisioningIsAConflict() {
        retry("errors-deleting-failed").expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.provisioningStatus").isEqualTo("deprovisioning_failed");
    }

    @Test
    void bulkRetryTakesAnOptionalBody() {
        client.post().uri("/api/admin/provisioning/retry-failed").headers(headers -> headers.setBearerAuth(ADMIN))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("includePartial", true))
                .exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.queued").isArray().jsonPath("$.skipped").isArray();
    }
}
