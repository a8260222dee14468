package dev.provisioningstatus.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.gateway.GatewayIntegrationTest;
import dev.provisioningstatus.gateway.TestTokens;
import dev.provisioningstatus.gateway.TestViews;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A page of another (allowed) origin reads every response header the API documents: browsers hide
 * all but the CORS-safelisted ones unless {@code Access-Control-Expose-Headers} names them.
 */
class CrossOriginResponseHeadersTest extends GatewayIntegrationTest {

    /** The response headers the API promises (README, API section): 201 Location, 429 Retry-After, 401 WWW-Authenticate. */
    private static final List<String> DOCUMENTED = List.of("Location", "Retry-After", "WWW-Authenticate");

    private static final String MEMBER = TestTokens.member("cors-alice", "cors-a");
    private static final String ADMIN = TestTokens.admin("cors-admin");

    @BeforeEach
    void aFailedApplication() {
        given(TestViews.failed("cors-app", "cors-a", 1));
    }

    static Stream<Arguments> answersOfEveryKind() {
        return Stream.of(
                Arguments.of("200 list", HttpMethod.GET, "/api/workspaces/cors-a/provisioning-issues", MEMBER, 200),
                Arguments.of("202 retry", HttpMethod.POST, "/api/applications/cors-app/provisioning/retry", MEMBER, 202),
                Arguments.of("401 no token", HttpMethod.GET, "/api/workspaces/cors-a/provisioning-issues", null, 401),
                Arguments.of("403 other workspace", HttpMethod.GET, "/api/workspaces/cors-b/provisioning-issues", MEMBER,
                        403),
                Arguments.of("404 unknown application", HttpMethod.GET, "/api/applications/cors-none/provisioning",
                        MEMBER, 404));
    }

    @Test
    void aPreflightForARegistrationAllowsItsMethodAndHeaders() {
        client.method(HttpMethod.OPTIONS).uri("/api/applications")
                .header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type,idempotency-key")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS,
                        methods -> assertThat(methods).contains("POST"))
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        headers -> assertThat(headers.toLowerCase()).contains("authorization", "content-type",
                                "idempotency-key"));
    }

    @Test
    void aRegistrationFromAnotherOriginExposesTheLocationOfTheNewApplication() {
        WebTestClient.ResponseSpec response = client.post().uri("/api/applications")
                .header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
                .headers(headers -> headers.setBearerAuth(ADMIN))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Cors registered", "workspaceId", "cors-a", "workspaceName", "Cors A",
                        "environments", List.of("dev")))
                .exchange();

        response.expectStatus().isCreated()
                .expectHeader().exists(HttpHeaders.LOCATION)
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        exposed -> assertThat(names(exposed)).contains("location"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answersOfEveryKind")
    void everyAnswerToAnotherOriginExposesEveryDocumentedHeader(String kind, HttpMethod method, String path,
            String token, int status) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(path).header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN);
        if (token != null) {
            request.headers(headers -> headers.setBearerAuth(token));
        }

        request.exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        exposed -> assertThat(names(exposed)).containsAll(lowerCase(DOCUMENTED)));
    }

    @Test
    void everyResponseHeaderInTheApiDescriptionIsExposed() {
        JsonNode description = JsonMapper.builder().build().readTree(client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        Set<String> described = new TreeSet<>();
        for (JsonNode operations : description.path("paths").values()) {
            for (JsonNode operation : operations.values()) {
                for (JsonNode response : operation.path("responses").values()) {
                    described.addAll(lowerCase(List.copyOf(response.path("headers").propertyNames())));
                }
            }
        }

        assertThat(lowerCase(SecurityConfiguration.EXPOSED_HEADERS)).containsAll(described).containsAll(lowerCase(DOCUMENTED));
    }

    @Test
    void anotherOriginNotAllowedLearnsNothing() {
        client.get().uri("/api/workspaces/cors-a/provisioning-issues")
                .header(HttpHeaders.ORIGIN, "https://evil.example.com")
                .headers(headers -> headers.setBearerAuth(MEMBER))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS);
    }

    private static List<String> names(String headerValue) {
        return Arrays.stream(headerValue.split(",")).map(String::trim).map(String::toLowerCase).toList();
    }

    private static List<String> lowerCase(List<String> names) {
        return names.stream().map(String::toLowerCase).toList();
    }
}
