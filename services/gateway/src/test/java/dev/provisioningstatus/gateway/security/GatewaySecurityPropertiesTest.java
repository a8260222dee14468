package dev.provisioningstatus.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provisioningstatus.gateway.GatewayApplication;
import dev.provisioningstatus.gateway.TestWebhooks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

class GatewaySecurityPropertiesTest {

    @Test
    void aSecretShorterThan32BytesIsRefused() {
        assertThatThrownBy(() -> new GatewaySecurityProperties("31-bytes-are-not-enough-for-it!", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void aBlankSecretCountsAsNotSet() {
        assertThat(new GatewaySecurityProperties(" ", Duration.ZERO).hasHmacSecret()).isFalse();
        assertThat(new GatewaySecurityProperties(null, Duration.ZERO).hasHmacSecret()).isFalse();
    }

    @Test
    void theSecretNeverAppearsInLogs() {
        assertThat(new GatewaySecurityProperties("a-secret-that-is-long-enough-for-hs256", Duration.ZERO).toString())
                .doesNotContain("a-secret");
    }

    @Test
    void aWildcardOriginIsRefused() {
        assertThatThrownBy(() -> new GatewayCorsProperties(List.of("https://*.example.com")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Valid, so that the only thing wrong is the token verification each test sets up. */
    private static final String WEBHOOK_KEY = "provisioning.webhooks.secret-key=" + TestWebhooks.SECRET_KEY;

    @Test
    void theGatewayDoesNotStartWithoutAWayToVerifyTokens() {
        SpringApplicationBuilder gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .properties("server.port=0", "spring.kafka.bootstrap-servers=127.0.0.1:9", WEBHOOK_KEY);

        assertThatThrownBy(() -> gateway.run().close())
                .rootCause().hasMessageContaining("exactly one")
                .hasMessageContaining("provisioning.gateway.security.hmac-secret")
                .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
    }

    @Test
    void theGatewayDoesNotStartWithBothAnHmacKeyAndAnIdentityProvider() {
        SpringApplicationBuilder gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .properties("server.port=0", "spring.kafka.bootstrap-servers=127.0.0.1:9", WEBHOOK_KEY,
                        "provisioning.gateway.security.hmac-secret=a-secret-that-is-long-enough-for-hs256",
                        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=https://idp.example.com/jwks.json");

        assertThatThrownBy(() -> gateway.run().close())
                .rootCause().hasMessageContaining("exactly one").hasMessageContaining("both");
    }

    @Test
    void theGatewayDoesNotStartWithAShortSecret() {
        SpringApplicationBuilder gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .properties("server.port=0", "spring.kafka.bootstrap-servers=127.0.0.1:9", WEBHOOK_KEY,
                        "provisioning.gateway.security.hmac-secret=too-short");

        assertThatThrownBy(() -> gateway.run().close())
                .rootCause().hasMessageContaining("provisioning.gateway.security.hmac-secret");
    }
}
