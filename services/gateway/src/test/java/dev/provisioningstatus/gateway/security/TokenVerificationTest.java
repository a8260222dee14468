package dev.provisioningstatus.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provisioningstatus.gateway.TestIdentityProvider;
import dev.provisioningstatus.gateway.TestTokens;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

class TokenVerificationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TestIdentityProvider PROVIDER = TestIdentityProvider.start();
    private static final GatewaySecurityProperties NO_HMAC = new GatewaySecurityProperties(null, Duration.ZERO);
    private static final GatewaySecurityProperties HMAC = new GatewaySecurityProperties(TestTokens.SECRET,
            Duration.ZERO);

    @AfterAll
    static void stopTheProvider() {
        PROVIDER.close();
    }

    private static OAuth2ResourceServerProperties.Jwt provider(String issuerUri, String jwkSetUri) {
        OAuth2ResourceServerProperties.Jwt jwt = new OAuth2ResourceServerProperties().getJwt();
        jwt.setIssuerUri(issuerUri);
        jwt.setJwkSetUri(jwkSetUri);
        return jwt;
    }

    @Test
    void theHmacKeyAloneVerifiesHs256Tokens() {
        ReactiveJwtDecoder decoder = TokenVerification.decoder(HMAC, provider(null, null));

        assertThat(decoder.decode(TestTokens.member("alice", "acme")).block(WAIT).getSubject()).isEqualTo("alice");
    }

    @Test
    void neitherModeIsAConfigurationError() {
        assertThatThrownBy(() -> TokenVerification.decoder(NO_HMAC, provider(null, " ")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exactly one")
                .hasMessageContaining("neither")
                .hasMessageContaining("provisioning.gateway.security.hmac-secret")
                .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.issuer-uri")
                .hasMessageContaining("spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
    }

    @Test
    void bothModesAreAConfigurationError() {
        assertThatThrownBy(() -> TokenVerification.decoder(HMAC, provider(null, PROVIDER.jwkSetUri())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exactly one")
                .hasMessageContaining("both");
    }

    @Test
    void aPublicKeyLocationIsRefusedRatherThanIgnored() {
        OAuth2ResourceServerProperties.Jwt jwt = provider(null, PROVIDER.jwkSetUri());
        jwt.setPublicKeyLocation(new ByteArrayResource(new byte[0]));

        assertThatThrownBy(() -> TokenVerification.decoder(NO_HMAC, jwt))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("public-key-location");
    }

    @Test
    void anUnknownSignatureAlgorithmIsAConfigurationError() {
        OAuth2ResourceServerProperties.Jwt jwt = provider(null, PROVIDER.jwkSetUri());
        jwt.setJwsAlgorithms(List.of("RS999"));

        assertThatThrownBy(() -> TokenVerification.decoder(NO_HMAC, jwt))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RS999");
    }

    @Test
    void theIssuerAloneFindsTheKeysByDiscoveryAndRequiresItsIss() {
        ReactiveJwtDecoder decoder = TokenVerification.decoder(NO_HMAC, provider(PROVIDER.issuer(), null));

        Jwt jwt = decoder.decode(PROVIDER.member("alice", "acme")).block(WAIT);

        assertThat(jwt.getClaimAsStringList("workspaces")).containsExactly("acme");
        assertThatThrownBy(() -> decoder.decode(PROVIDER.withIssuer("https://elsewhere.example.com", "alice"))
                .block(WAIT)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void anUnreachableIssuerDoesNotStopTheGatewayFromStarting() {
        assertThat(TokenVerification.decoder(NO_HMAC, provider("http://127.0.0.1:9/realms/nowhere", null))).isNotNull();
    }

    @Test
    void configuredAudiencesMustIncludeOneOfTheTokens() {
        OAuth2ResourceServerProperties.Jwt jwt = provider(PROVIDER.issuer(), PROVIDER.jwkSetUri());
        jwt.setAudiences(List.of("provisioning-gateway"));
        ReactiveJwtDecoder decoder = TokenVerification.decoder(NO_HMAC, jwt);

        assertThat(decoder.decode(PROVIDER.withAudience("provisioning-gateway", "alice")).block(WAIT)).isNotNull();
        assertThatThrownBy(() -> decoder.decode(PROVIDER.withAudience("some-other-api", "alice")).block(WAIT))
                .isInstanceOf(BadJwtException.class);
    }
}
