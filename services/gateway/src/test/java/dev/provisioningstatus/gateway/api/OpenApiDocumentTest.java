package dev.provisioningstatus.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.provisioningstatus.gateway.ApiDocument;
import dev.provisioningstatus.gateway.GatewayIntegrationTest;
import dev.provisioningstatus.gateway.TestTokens;
import dev.provisioningstatus.gateway.TestViews;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live API description, proven by tools that are not the gateway's: redocly lints it, and a
 * TypeScript client generated from it ({@code openapi-typescript}, {@code openapi-fetch},
 * type-checked by {@code tsc}) drives this gateway through the widget's flows
 * ({@code src/test/ts/widget-flows.ts}).
 */
class OpenApiDocumentTest extends GatewayIntegrationTest {

    static final Path DOCUMENT = Path.of("target", "openapi", "api-docs.json");

    private static final String WORKSPACE = "client-a";
    private static final String FAILED = "client-failed";
    private static final String RETRYING = "client-retrying";

    @LocalServerPort
    private int port;

    @BeforeEach
    void theLiveDocumentIsWritten() throws IOException {
        byte[] document = client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBodyContent();
        Files.createDirectories(DOCUMENT.getParent());
        Files.write(DOCUMENT, document);
    }

    @Test
    void redoclysRecommendedRulesFindNoErrorAndNoWarning() {
        NpmScripts.Run lint = NpmScripts.run("lint", Map.of());

        assertThat(lint.exitCode()).as(lint.log()).isZero();
        JsonNode totals = report(lint.output()).get("totals");
        assertThat(totals.get("errors").asInt()).as(lint.log()).isZero();
        assertThat(totals.get("warnings").asInt()).as(lint.log()).isZero();
    }

    @Test
    void theAnswerCheckRefusesAnAnswerWithoutAFieldTheDocumentRequires() {
        ClientResponse withoutCount = ClientResponse.create(HttpStatus.OK)
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .body("{\"workspaceId\":\"client-a\",\"applications\":[]}").build();

        assertThat(answer("/api/workspaces/client-a/provisioning-issues", withoutCount))
                .hasMessageContaining("count");
    }

    @Test
    void theAnswerCheckRefusesAStatusTheOperationDoesNotDocument() {
        ClientResponse teapot = ClientResponse.create(HttpStatus.I_AM_A_TEAPOT).build();

        assertThat(answer("/api/applications/client-failed/provisioning", teapot))
                .hasMessageContaining("does not list this status");
    }

    private Throwable answer(String path, ClientResponse response) {
        ClientRequest request = ClientRequest.create(HttpMethod.GET, URI.create("http://127.0.0.1" + path)).build();
        return catchThrowable(() -> ApiDocument.of(client).answersFilter()
                .filter(request, sent -> Mono.just(response)).block());
    }

    /** The JSON report among what redocly prints around it (a banner, progress lines): from a line "{" to a line "}". */
    private static JsonNode report(String output) {
        int start = output.indexOf("\n{") + 1;
        int end = output.indexOf("\n}", start) + 2;
        return JsonMapper.shared().readTree(output.substring(start, end));
    }

    @Test
    void aClientGeneratedFromTheDocumentDrivesTheWidgetsFlows() {
        given(TestViews.failed(FAILED, WORKSPACE, 1), TestViews.inProgress(RETRYING, WORKSPACE, 2, 1));

        NpmScripts.Run client = NpmScripts.run("client", Map.of(
                "GATEWAY_URL", "http://127.0.0.1:" + port,
                "MEMBER_TOKEN", TestTokens.member("client-alice", WORKSPACE),
                "WORKSPACE_ID", WORKSPACE,
                "OTHER_WORKSPACE_ID", "client-b",
                "FAILED_APPLICATION_ID", FAILED,
                "RETRYING_APPLICATION_ID", RETRYING));

        assertThat(client.exitCode()).as(client.log()).isZero();
        assertThat(client.output()).contains("ok list", "ok details", "ok retryAccepted", "ok retryWhileInProgress",
                "ok unknownApplication", "ok otherWorkspace");
    }
}
