package dev.provisioningstatus.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.EventIds;
import dev.provisioningstatus.gateway.GatewayIntegrationTest;
import dev.provisioningstatus.gateway.TestTokens;
import dev.provisioningstatus.gateway.TestViews;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The JSON the widget consumes, exactly as the contract writes it. */
class ProvisioningQueryResponsesTest extends GatewayIntegrationTest {

    private static final String MEMBER = TestTokens.member("query-alice", "query-a");
    private static final String ADMIN = TestTokens.admin("query-admin");

    @BeforeEach
    void aWorkspaceWithIssuesAndAHealthyApplication() {
        given(TestViews.failed("query-failed", "query-a", 1),
                TestViews.partial("query-partial", "query-a", 1),
                TestViews.inProgress("query-retrying", "query-a", 2, 1),
                TestViews.inProgress("query-first-run", "query-a", 1, 1),
                TestViews.completed("query-done", "query-a", 1),
                TestViews.pending("query-pending", "query-a", 1));
    }

    private WebTestClient.BodyContentSpec get(String path, String token) {
        return client.get().uri(path).headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody();
    }

    @Test
    void aWorkspaceListHoldsFailedPartialAndRetryingApplicationsAndCountsFailedAndPartial() {
        get("/api/workspaces/query-a/provisioning-issues", MEMBER)
                .jsonPath("$.workspaceId").isEqualTo("query-a")
                .jsonPath("$.count").isEqualTo(2)
                .jsonPath("$.applications.length()").isEqualTo(3)
                .jsonPath("$.applications[*].applicationId").value(ids -> assertThat(ids.toString())
                        .contains("query-failed", "query-partial", "query-retrying")
                        .doesNotContain("query-done", "query-first-run", "query-pending"));
    }

    @Test
    void aMemberSeesAnApplicationAtModerateDetail() {
        get("/api/applications/query-failed/provisioning", MEMBER)
                .jsonPath("$.applicationId").isEqualTo("query-failed")
                .jsonPath("$.status").isEqualTo("failed")
                .jsonPath("$.error").isEqualTo("dev: Connection timeout; stage: Connection timeout")
                .jsonPath("$.environments[1].environment").isEqualTo("stage")
                .jsonPath("$.environments[1].message").isEqualTo("Connection timeout")
                .jsonPath("$.environments[1].reason").isEqualTo("ConnectionTimeout")
                .jsonPath("$.environments[1].retryable").isEqualTo(true)
                .jsonPath("$.workflowId").doesNotExist()
                .jsonPath("$.eventId").doesNotExist()
                .jsonPath("$.environments[1].errorDetail").doesNotExist()
                .jsonPath("$.environments[1].history").doesNotExist();
    }

    @Test
    void anAdminSeesTheFullView() {
        get("/api/applications/query-failed/provisioning", ADMIN)
                .jsonPath("$.workflowId").isEqualTo(EventIds.workflowId("query-failed", TestViews.incarnation("query-failed")))
                .jsonPath("$.eventId").exists()
                .jsonPath("$.error").value(error -> assertThat(error.toString()).contains("10.0.0.5"))
                .jsonPath("$.environments[1].errorDetail").isEqualTo(TestViews.ADMIN_ONLY_DETAIL)
                .jsonPath("$.environments[1].history[0].reason").isEqualTo("ConnectionTimeout")
                .jsonPath("$.updatedAt").isEqualTo("2025-01-10T10:00:01Z");
    }

    @Test
    void theAdminListHoldsEveryApplicationThatIsNotCompleted() {
        get("/api/admin/provisioning-issues", ADMIN)
                .jsonPath("$.applications[*].applicationId").value(ids -> assertThat(ids.toString())
                        .contains("query-failed", "query-partial", "query-retrying", "query-first-run", "query-pending")
                        .doesNotContain("query-done"))
                .jsonPath("$.applications[0].workflowId").exists();
    }

    @Test
    void theAdminListFiltersByStatus() {
        get("/api/admin/provisioning-issues?status=partial,pending", ADMIN)
                .jsonPath("$.applications[*].status").value(statuses -> assertThat(statuses.toString())
                        .contains("partial", "pending").doesNotContain("failed", "in_progress"))
                .jsonPath("$.count").value(count -> assertThat(((Number) count).intValue()).isGreaterThanOrEqualTo(2));
    }

    @Test
    void anUnknownStatusFilterIsABadRequest() {
        client.get().uri("/api/admin/provisioning-issues?status=failed,broken")
                .headers(headers -> headers.setBearerAuth(ADMIN))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("broken"));
    }

    @Test
    void aMalformedApplicationIdIsABadRequest() {
        client.get().uri("/api/applications/Bad_Id/provisioning")
                .headers(headers -> headers.setBearerAuth(ADMIN))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").exists()
                .jsonPath("$.title").isEqualTo("Bad Request")
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.detail").exists();
    }

    @Test
    void anUnknownApplicationIsNotFound() {
        client.get().uri("/api/applications/query-nobody/provisioning")
                .headers(headers -> headers.setBearerAuth(ADMIN))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
