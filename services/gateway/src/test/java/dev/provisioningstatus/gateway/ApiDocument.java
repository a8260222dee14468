package dev.provisioningstatus.gateway;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's own {@code /v3/api-docs}, as a check of its answers: every answer to a documented
 * operation must have a status the operation documents, with the documented content type, and a
 * body valid against the documented schema (JSON Schema 2020-12, as OpenAPI 3.1 defines it).
 * Streams are checked for their status only: their body does not end.
 */
public final class ApiDocument {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static volatile ApiDocument loaded;

    private final JsonNode document;
    private final Map<Pattern, String> paths;
    private final Map<JsonNode, Schema> compiled = new ConcurrentHashMap<>();

    private ApiDocument(JsonNode document) {
        this.document = document;
        Map<Pattern, String> byPattern = new LinkedHashMap<>();
        document.get("paths").propertyNames().forEach(path -> byPattern.put(
                Pattern.compile(path.replaceAll("\\{[^}]+}", "[^/]+")), path));
        this.paths = byPattern;
    }

    /** The document the gateway behind {@code client} serves, read once: every context serves the same code. */
    public static ApiDocument of(WebTestClient client) {
        if (loaded == null) {
            byte[] json = client.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                    .expectBody().returnResult().getResponseBodyContent();
            loaded = new ApiDocument(JsonMapper.shared().readTree(json));
        }
        return loaded;
    }

    /** A filter that fails the request whose answer the document does not describe. */
    public ExchangeFilterFunction answersFilter() {
        return (request, next) -> next.exchange(request).flatMap(response -> check(request, response));
    }

    private Mono<ClientResponse> check(ClientRequest request, ClientResponse response) {
        Optional<JsonNode> operation = operation(request);
        if (operation.isEmpty() || refusedOrigin(request, response)) {
            return Mono.just(response);
        }
        String where = request.method() + " " + request.url().getRawPath() + " -> " + response.statusCode().value();
        JsonNode answer = resolve(operation.get().path("responses").path(Integer.toString(response.statusCode().value())));
        if (answer.isMissingNode()) {
            return Mono.error(new AssertionError(where + ": the document does not list this status"));
        }
        MediaType type = response.headers().contentType().orElse(null);
        if (type != null && MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type)) {
            return answer.path("content").has(MediaType.TEXT_EVENT_STREAM_VALUE)
                    ? Mono.just(response)
                    : Mono.error(new AssertionError(where + ": a stream the document does not describe"));
        }
        return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).flatMap(body -> {
            List<String> errors = errors(answer, type, body);
            if (!errors.isEmpty()) {
                return Mono.error(new AssertionError(where + ": the answer differs from the document: " + errors
                        + "\n" + new String(body, StandardCharsets.UTF_8)));
            }
            return Mono.just(response.mutate().body(new String(body, StandardCharsets.UTF_8)).build());
        });
    }

    /**
     * The CORS filter refuses a request from an origin it does not allow (403, no body) before any
     * route sees it: a browser's refusal, not an answer of the operation.
     */
    private static boolean refusedOrigin(ClientRequest request, ClientResponse response) {
        return request.headers().getOrigin() != null && response.statusCode().value() == 403
                && response.headers().asHttpHeaders().getAccessControlAllowOrigin() == null;
    }

    private List<String> errors(JsonNode answer, MediaType type, byte[] body) {
        JsonNode content = answer.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return body.length == 0 ? List.of() : List.of("a body where the document describes none");
        }
        if (type == null) {
            return List.of("no content type; the document describes " + content.propertyNames());
        }
        String documented = type.getType() + "/" + type.getSubtype();
        JsonNode schema = content.path(documented).path("schema");
        if (schema.isMissingNode()) {
            return List.of(documented + " where the document describes " + content.propertyNames());
        }
        return compiled.computeIfAbsent(schema, this::compile)
                .validate(new String(body, StandardCharsets.UTF_8), InputFormat.JSON)
                .stream().map(Error::toString).toList();
    }

    /** The schema within the document, so that its references to the components resolve. */
    private Schema compile(JsonNode schema) {
        ObjectNode root = (ObjectNode) document.deepCopy();
        root.putObject("$defs").set("answer", schema);
        root.put("$ref", "#/$defs/answer");
        return SCHEMAS.getSchema(root.toString());
    }

    private Optional<JsonNode> operation(ClientRequest request) {
        String path = request.url().getRawPath();
        return paths.entrySet().stream().filter(entry -> entry.getKey().matcher(path).matches())
                .map(entry -> document.get("paths").get(entry.getValue())
                        .path(request.method().name().toLowerCase(Locale.ROOT)))
                .filter(operation -> !operation.isMissingNode())
                .findFirst();
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        if (!ref.isString()) {
            return node;
        }
        return document.at(ref.asString().substring(1));
    }
}
