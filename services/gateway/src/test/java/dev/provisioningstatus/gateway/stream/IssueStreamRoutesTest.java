package dev.provisioningstatus.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.gateway.GatewayIntegrationTest;
import dev.provisioningstatus.gateway.RawRequest;
import dev.provisioningstatus.gateway.TestTokens;
import dev.provisioningstatus.gateway.TestViews;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The streams are served below WebFlux: what the security filter chain does for every other
 * route, their own route does the same way. (Who may open which stream, with every kind of
 * token: {@code RouteAuthorizationTest}.)
 */
class IssueStreamRoutesTest extends GatewayIntegrationTest {

    private static final String STREAM = "/api/workspaces/route-a/provisioning-issues/stream";
    private static final String MEMBER = TestTokens.member("route-alice", "route-a");
    /** The headers the security filter chain writes on every API answer it lets through (CORS's Vary among them). */
    private static final List<String> SECURITY_HEADERS = List.of("Vary", "X-Content-Type-Options", "X-Frame-Options",
            "X-XSS-Protection", "Referrer-Policy", "Strict-Transport-Security", "Content-Security-Policy",
            "Permissions-Policy", "Cross-Origin-Opener-Policy", "Cross-Origin-Embedder-Policy",
            "Cross-Origin-Resource-Policy");

    @LocalServerPort
    private int port;

    @Autowired
    private MeterRegistry meters;

    @BeforeEach
    void aFailedApplication() {
        given(TestViews.failed("route-app", "route-a", 1));
    }

    @Test
    void aStreamCarriesTheSecurityHeadersOfEveryOtherAnswer() {
        HttpHeaders list = client.get().uri("/api/workspaces/route-a/provisioning-issues")
                .headers(headers -> headers.setBearerAuth(MEMBER)).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseHeaders();

        HttpHeaders stream = openedStream(request -> { });

        for (String name : SECURITY_HEADERS) {
            assertThat(stream.get(name)).as(name).isEqualTo(list.get(name));
        }
        assertThat(list.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void aStreamOpenedFromAnAllowedOriginExposesTheDocumentedHeaders() {
        HttpHeaders stream = openedStream(request -> request.header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN));

        assertThat(stream.getAccessControlAllowOrigin()).isEqualTo(ALLOWED_ORIGIN);
        assertThat(stream.getAccessControlExposeHeaders()).contains("WWW-Authenticate", "Retry-After", "Location");
    }

    @Test
    void aStreamRefusedToAnAllowedOriginStillLetsItReadWhy() {
        client.get().uri(STREAM).header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN)
                .expectHeader().exists(HttpHeaders.WWW_AUTHENTICATE);
    }

    @Test
    void aStreamFromAnotherOriginIsRefusedAndLearnsNothing() {
        client.get().uri(STREAM).header(HttpHeaders.ORIGIN, "https://evil.example.com")
                .headers(headers -> headers.setBearerAuth(MEMBER)).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("route-app"));
    }

    @Test
    void anAuthorizationThatIsNotABearerTokenIsAskedForOne() {
        client.get().uri(STREAM).header(HttpHeaders.AUTHORIZATION, "Basic cm91dGU6YWxpY2U=").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    @Test
    void aMalformedBearerTokenIsRefusedAsInvalid() {
        client.get().uri(STREAM).header(HttpHeaders.AUTHORIZATION, "Bearer not a token").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
    }

    @Test
    void onlyTheFirstAuthorizationHeaderCountsAsOnEveryOtherRoute() {
        client.get().uri("/api/admin/provisioning-issues/stream").headers(headers -> {
            headers.add(HttpHeaders.AUTHORIZATION, "Bearer " + MEMBER);
            headers.add(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin("route-admin"));
        }).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void otherMethodsOnAStreamPathAreNotStreams() {
        client.post().uri(STREAM).headers(headers -> headers.setBearerAuth(MEMBER)).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        client.head().uri(STREAM).headers(headers -> headers.setBearerAuth(MEMBER)).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void anEncodedSlashInAStreamPathIsRefusedByTheFirewallLikeOnEveryOtherRoute() {
        assertThat(RawRequest.status(port, "/api/admin%2Fprovisioning-issues/stream", TestTokens.admin("route-admin")))
                .isEqualTo(400);
    }

    @Test
    void aStreamPathThatIsNotAValidUriIsRefusedNotAServerError() {
        assertThat(RawRequest.status(port, "/api/workspaces/a|b/provisioning-issues/stream", null)).isEqualTo(401);
        assertThat(RawRequest.status(port, "/api/workspaces/a|b/provisioning-issues/stream", MEMBER)).isEqualTo(400);
    }

    @Test
    void anyOtherPathThatIsNotAValidUriIsStillABadRequest() {
        assertThat(RawRequest.status(port, "/widget/a|b", null)).isEqualTo(400);
    }

    @Test
    void streamsAreNotTimedAsHttpRequests() {
        openedStream(request -> { });

        assertThat(meters.find("http.server.requests").meters())
                .noneMatch(meter -> String.valueOf(meter.getId().getTag("uri")).contains("stream"));
    }

    /** The headers of a stream that opened: read its first bytes, then hang up. */
    private HttpHeaders openedStream(Consumer<WebTestClient.RequestHeadersSpec<?>> extra) {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri(STREAM).accept(MediaType.TEXT_EVENT_STREAM)
                .headers(headers -> headers.setBearerAuth(MEMBER));
        extra.accept(request);
        var result = request.exchange().expectStatus().isOk().returnResult(String.class);
        result.getResponseBody().take(1).blockLast(Duration.ofSeconds(20));
        return result.getResponseHeaders();
    }
}
