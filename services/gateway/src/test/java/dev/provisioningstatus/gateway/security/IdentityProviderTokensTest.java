package dev.provisioningstatus.gateway.security;

import dev.provisioningstatus.gateway.GatewayIntegrationTest;
import dev.provisioningstatus.gateway.TestIdentityProvider;
import dev.provisioningstatus.gateway.TestTokens;
import dev.provisioningstatus.gateway.TestViews;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Production mode: the gateway verifies an identity provider's RS256 tokens against the JWK set
 * the provider publishes (here served by the test on a loopback port) and knows no HMAC key.
 */
class IdentityProviderTokensTest extends GatewayIntegrationTest {

    private static final TestIdentityProvider PROVIDER = TestIdentityProvider.start();

    @DynamicPropertySource
    static void identityProviderInsteadOfTheHmacKey(DynamicPropertyRegistry registry) {
        registry.add("provisioning.gateway.security.hmac-secret", () -> "");
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", PROVIDER::jwkSetUri);
    }

    @AfterAll
    static void stopTheProvider() {
        PROVIDER.close();
    }

    @BeforeEach
    void anApplicationWithIssues() {
        given(TestViews.failed("idp-app", "idp-a", 1));
    }

    private WebTestClient.ResponseSpec get(String path, String token) {
        return client.get().uri(path).headers(headers -> headers.setBearerAuth(token)).exchange();
    }

    @Test
    void aMemberTokenOfTheProviderIsAccepted() {
        get("/api/workspaces/idp-a/provisioning-issues", PROVIDER.member("idp-alice", "idp-a"))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.applications[0].applicationId").isEqualTo("idp-app");
    }

    @Test
    void theProvidersClaimsDecideAccessAsUsual() {
        get("/api/workspaces/idp-a/provisioning-issues", PROVIDER.member("idp-bob", "idp-b"))
                .expectStatus().isForbidden();
        get("/api/admin/provisioning-issues", PROVIDER.admin("idp-admin")).expectStatus().isOk();
    }

    @Test
    void aTokenSignedByAnotherKeyIsRejected() {
        unauthorized(get("/api/workspaces/idp-a/provisioning-issues", PROVIDER.signedByAnotherKey("idp-alice", "idp-a")));
    }

    @Test
    void anExpiredTokenOfTheProviderIsRejected() {
        unauthorized(get("/api/workspaces/idp-a/provisioning-issues", PROVIDER.expired("idp-alice", "idp-a")));
    }

    @Test
    void anHmacTokenIsRejectedWhenTheProviderVerifiesTokens() {
        unauthorized(get("/api/workspaces/idp-a/provisioning-issues", TestTokens.member("idp-alice", "idp-a")));
    }

    private static void unauthorized(WebTestClient.ResponseSpec response) {
        response.expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
    }
}
