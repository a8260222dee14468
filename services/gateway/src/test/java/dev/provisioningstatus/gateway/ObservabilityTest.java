package dev.provisioningstatus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ObservabilityTest extends GatewayIntegrationTest {

    private static final Pattern WORKSPACE_QUERIES = Pattern.compile(
            "(?m)^provisioning_gateway_query_seconds_count\\{[^}]*route=\"workspace-issues\"[^}]*} (\\S+)$");

    private String prometheus() {
        return client.get().uri("/actuator/prometheus")
                .headers(headers -> headers.setBearerAuth(TestTokens.admin("metrics-admin")))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private static double workspaceQueries(String metrics) {
        Matcher count = WORKSPACE_QUERIES.matcher(metrics);
        assertThat(count.find()).as("workspace query count in %s", metrics).isTrue();
        return Double.parseDouble(count.group(1));
    }

    @Test
    void prometheusExposesStreamCommandAndQueryMetricsToAdmins() {
        assertThat(prometheus()).contains("provisioning_gateway_sse_subscribers",
                "provisioning_gateway_commands_sent_total{trigger=\"retry\"}",
                "provisioning_gateway_sse_resyncs_total",
                "provisioning_gateway_query_seconds_count{route=\"application\"}",
                "provisioning_gateway_query_seconds_sum{route=\"platform-issues\"}",
                "provisioning_gateway_query_seconds_max{route=\"workspace-issues\"}");
    }

    @Test
    void everyWorkspaceQueryIsTimed() {
        double before = workspaceQueries(prometheus());

        client.get().uri("/api/workspaces/metrics-a/provisioning-issues")
                .headers(headers -> headers.setBearerAuth(TestTokens.member("metrics-alice", "metrics-a")))
                .exchange()
                .expectStatus().isOk();

        assertThat(workspaceQueries(prometheus())).isEqualTo(before + 1);
    }

    @Test
    void readinessIncludesTheProvisioningView() {
        client.get().uri("/actuator/health/readiness")
                .exchange()
                .expectBody().jsonPath("$.components.provisioningView").exists();
    }
}
