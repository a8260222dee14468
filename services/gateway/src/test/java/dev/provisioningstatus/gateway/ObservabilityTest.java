package dev.provisioningstatus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObservabilityTest extends GatewayIntegrationTest {

    @Test
    void prometheusExposesStreamAndCommandMetricsToAdmins() {
        String metrics = client.get().uri("/actuator/prometheus")
                .headers(headers -> headers.setBearerAuth(TestTokens.admin("metrics-admin")))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(metrics).contains("provisioning_gateway_sse_subscribers",
                "provisioning_gateway_commands_sent_total{trigger=\"retry\"}",
                "provisioning_gateway_sse_resyncs_total");
    }

    @Test
    void readinessIncludesTheProvisioningView() {
        client.get().uri("/actuator/health/readiness")
                .exchange()
                .expectBody().jsonPath("$.components.provisioningView").exists();
    }
}
