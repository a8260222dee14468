package dev.provisioningstatus.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.gateway.GatewayIntegrationTest;
import dev.provisioningstatus.gateway.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;

/** The AsyncAPI document and the schema files it refers to: public, byte for byte what shared-events holds. */
class EventContractRoutesTest extends GatewayIntegrationTest {

    private static final Pattern SCHEMA_REFERENCE = Pattern.compile("\\$ref: '\\./(schemas/[^']+)'");

    static Stream<String> schemaFilesTheDocumentRefersTo() throws IOException {
        Matcher references = SCHEMA_REFERENCE.matcher(new String(classpath("asyncapi.yaml"), StandardCharsets.UTF_8));
        return references.results().map(reference -> reference.group(1)).distinct().toList().stream();
    }

    @Test
    void theAsyncApiDocumentIsServedWithoutAToken() throws IOException {
        byte[] served = client.get().uri("/asyncapi.yaml").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(EventContractRoutes.YAML)
                .expectBody().returnResult().getResponseBody();

        assertThat(served).isEqualTo(classpath("asyncapi.yaml"));
    }

    @Test
    void theAsyncApiDocumentIsServedToSignedInCallersToo() {
        client.get().uri("/asyncapi.yaml").headers(headers -> headers.setBearerAuth(TestTokens.member("doc-alice", "doc-a")))
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void anExpiredTokenIsRefusedHereAsEverywhere() {
        client.get().uri("/asyncapi.yaml").headers(headers -> headers.setBearerAuth(TestTokens.expired("doc-alice", "doc-a")))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaFilesTheDocumentRefersTo")
    void everySchemaFileTheDocumentRefersToIsServedBesideIt(String relativePath) throws IOException {
        byte[] served = client.get().uri("/" + relativePath).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();

        assertThat(served).isEqualTo(classpath(relativePath));
    }

    @Test
    void nothingButSchemaFilesIsServedUnderSchemas() {
        for (String path : List.of("/schemas/gateway.yml", "/schemas/../gateway.yml", "/schemas/%2e%2e/gateway.yml")) {
            client.get().uri(path).exchange()
                    .expectStatus().value(status -> assertThat(status).as(path).isIn(400, 404))
                    .expectBody(String.class).value(body -> assertThat(body).as(path).doesNotContain("hmac"));
        }
    }

    @Test
    void theDocumentCannotBeWrittenTo() {
        client.post().uri("/asyncapi.yaml").contentType(EventContractRoutes.YAML).bodyValue("asyncapi: 3.0.0")
                .exchange()
                .expectStatus().isUnauthorized();
        client.put().uri("/schemas/ApplicationProvisioningView.schema.json")
                .headers(headers -> headers.setBearerAuth(TestTokens.admin("doc-admin")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isForbidden();
    }

    private static byte[] classpath(String path) throws IOException {
        try (InputStream in = EventContractRoutesTest.class.getResourceAsStream("/" + path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }
}
