package dev.provisioningstatus.gateway.api;

import dev.provisioningstatus.events.Ids;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.gateway.security.Caller;
import dev.provisioningstatus.gateway.stream.IssueStreamEvents;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API description at {@code /v3/api-docs}: every route takes a bearer JWT, every error is a
 * problem document, and the application views are the event contract's schemas (see {@link ApiDocs}
 * for how an operation documents its answers).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final String STREAMS = "Streams";
    private static final String EVENT_STREAM = org.springframework.http.MediaType.TEXT_EVENT_STREAM_VALUE;
    /** The cursor alphabet of the streams' event ids. */
    private static final String EVENT_ID_PATTERN = "^[0-9A-Za-z._-]*$";

    static {
        // The caller comes from the token, not from the request's parameters.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI gatewayOpenApi() {
        Components components = new Components()
                .addSecuritySchemes(ApiDocs.BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("A JWT: HMAC-signed by the gateway's key, or from the identity provider"))
                .addSchemas("Problem", problem());
        headers().forEach(components::addHeaders);
        parameters().forEach(components::addParameters);
        errorResponses().forEach(components::addResponses);
        return new OpenAPI()
                .info(new Info().title("Provisioning Status gateway")
                        .description("Provisioning issues of Kafka applications: queries, retries, live updates (SSE). "
                                + "Errors are RFC 9457 application/problem+json.")
                        .version("v1"))
                .components(components)
                .servers(List.of(new Server().url("/").description("The gateway that serves this document")))
                .addSecurityItem(new SecurityRequirement().addList(ApiDocs.BEARER));
    }

    /**
     * What the annotations cannot say: the contract's schemas in place of the ones derived from the
     * records, the streams' events, and the {@code 401} of every operation that takes a token.
     */
    @Bean
    OpenApiCustomizer contractAndStreams() {
        return openApi -> {
            Components components = openApi.getComponents();
            components.getSchemas().remove("ApplicationView");
            ContractSchemas.applicationSchemas().forEach(components::addSchemas);
            streamSchemas().forEach(components::addSchemas);
            components.addResponses(ApiDocs.name(ApiDocs.WORKSPACE_ISSUE_STREAM),
                    stream("A workspace's issues, live", "WorkspaceIssueEvent"));
            components.addResponses(ApiDocs.name(ApiDocs.PLATFORM_ISSUE_STREAM),
                    stream("Every application with issues, live, full detail", "PlatformIssueEvent"));
            components.setSchemas(new TreeMap<>(components.getSchemas()));
            streamOperations(openApi);
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                unauthorized(operation);
                onlyReferences(operation);
            }));
        };
    }

    /**
     * The streams are served below WebFlux, where springdoc does not look, so their operations
     * are written out here.
     */
    private static void streamOperations(OpenAPI openApi) {
        openApi.addTagsItem(new Tag().name(STREAMS).description("Provisioning issues, live, as server-sent events"));
        ApiResponse unverifiable = problem("The token could not be verified right now (the identity provider's keys"
                + " could not be fetched); try again");
        openApi.path("/api/workspaces/{workspaceId}/provisioning-issues/stream", new PathItem().get(new Operation()
                .operationId("streamWorkspaceIssues").addTagsItem(STREAMS)
                .summary("A workspace's provisioning issues, live: snapshot, then status and summary events")
                .parameters(List.of(new Parameter().$ref(ApiDocs.WORKSPACE_ID),
                        new Parameter().$ref(ApiDocs.LAST_EVENT_ID_HEADER), new Parameter().$ref(ApiDocs.LAST_EVENT_ID_QUERY)))
                .responses(new ApiResponses()
                        .addApiResponse("200", new ApiResponse().$ref(ApiDocs.WORKSPACE_ISSUE_STREAM))
                        .addApiResponse("400", new ApiResponse().$ref(ApiDocs.BAD_REQUEST))
                        .addApiResponse("403", new ApiResponse().$ref(ApiDocs.FORBIDDEN))
                        .addApiResponse("503", unverifiable))));
        openApi.path("/api/admin/provisioning-issues/stream", new PathItem().get(new Operation()
                .operationId("streamPlatformIssues").addTagsItem(STREAMS)
                .summary("Every application with provisioning issues, live, full detail (admins)")
                .parameters(List.of(new Parameter().$ref(ApiDocs.LAST_EVENT_ID_HEADER),
                        new Parameter().$ref(ApiDocs.LAST_EVENT_ID_QUERY)))
                .responses(new ApiResponses()
                        .addApiResponse("200", new ApiResponse().$ref(ApiDocs.PLATFORM_ISSUE_STREAM))
                        .addApiResponse("403", new ApiResponse().$ref(ApiDocs.FORBIDDEN))
                        .addApiResponse("503", unverifiable))));
    }

    /** Springdoc copies a referenced parameter's name and schema beside its {@code $ref}; the reference says it all. */
    private static void onlyReferences(Operation operation) {
        if (operation.getParameters() != null) {
            operation.setParameters(operation.getParameters().stream()
                    .map(parameter -> parameter.get$ref() == null ? parameter : new Parameter().$ref(parameter.get$ref()))
                    .toList());
        }
        operation.getResponses().values().stream().filter(response -> response.getHeaders() != null)
                .forEach(response -> response.getHeaders().replaceAll((name, header) ->
                        header.get$ref() == null ? header : new Header().$ref(header.get$ref())));
    }

    private static void unauthorized(Operation operation) {
        if (operation.getSecurity() == null || !operation.getSecurity().isEmpty()) {
            operation.getResponses().addApiResponse("401", new ApiResponse().$ref(ApiDocs.UNAUTHORIZED));
        }
    }

    @SuppressWarnings("rawtypes")
    private static Schema problem() {
        return new ObjectSchema()
                .description("An RFC 9457 problem document; some problems add members of their own, e.g. a 409's"
                        + " attempt or provisioningStatus.")
                .addProperty("type", new StringSchema().format("uri-reference").example("about:blank"))
                .addProperty("title", new StringSchema().example("Conflict"))
                .addProperty("status", new IntegerSchema().minimum(java.math.BigDecimal.valueOf(400))
                        .maximum(java.math.BigDecimal.valueOf(599)))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .required(List.of("type", "title", "status"));
    }

    private static Map<String, Header> headers() {
        Map<String, Header> headers = new LinkedHashMap<>();
        headers.put(ApiDocs.name(ApiDocs.LOCATION), new Header()
                .description("Where the new application's provisioning view will be").schema(new StringSchema()
                        .format("uri-reference").example("/api/applications/payments/provisioning")));
        headers.put(ApiDocs.name(ApiDocs.RETRY_AFTER), new Header()
                .description("Seconds to wait before trying again").schema(new IntegerSchema().minimum(
                        java.math.BigDecimal.ONE)));
        headers.put("WWW-Authenticate", new Header()
                .description("Bearer, with error=\"invalid_token\" when a token was given but is invalid or expired")
                .schema(new StringSchema()));
        return headers;
    }

    private static Map<String, Parameter> parameters() {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        parameters.put(ApiDocs.name(ApiDocs.IDEMPOTENCY_KEY), new Parameter().in("header").name("Idempotency-Key")
                .required(false)
                .description("Makes the command safe to send again: the same key with the same request answers what the"
                        + " first answered and sends nothing; with another request it is 422")
                .schema(new StringSchema().pattern("^[\\x21-\\x7E]{1,255}$")));
        parameters.put(ApiDocs.name(ApiDocs.APPLICATION_ID), new Parameter().in("path").name("applicationId")
                .required(true).schema(new StringSchema().pattern(Ids.PATTERN)));
        parameters.put(ApiDocs.name(ApiDocs.WORKSPACE_ID), new Parameter().in("path").name("workspaceId")
                .required(true).schema(new StringSchema().pattern(Ids.PATTERN)));
        parameters.put(ApiDocs.name(ApiDocs.LAST_EVENT_ID_HEADER), new Parameter().in("header").name("Last-Event-ID")
                .required(false)
                .description("The id of the last event received: the stream resumes after it instead of a snapshot")
                .schema(new StringSchema().pattern(EVENT_ID_PATTERN)));
        parameters.put(ApiDocs.name(ApiDocs.LAST_EVENT_ID_QUERY), new Parameter().in("query").name("lastEventId")
                .required(false)
                .description("The same as the Last-Event-ID header, for clients that cannot set headers")
                .schema(new StringSchema().pattern(EVENT_ID_PATTERN)));
        parameters.put(ApiDocs.name(ApiDocs.STATUS_FILTER), new Parameter().in("query").name("status")
                .required(false)
                .description("The statuses to list, separated by commas; absent: every status but completed")
                .schema(new StringSchema().pattern(statusFilterPattern()).example("failed,partial")));
        return parameters;
    }

    private static Map<String, ApiResponse> errorResponses() {
        Map<String, ApiResponse> responses = new LinkedHashMap<>();
        responses.put(ApiDocs.name(ApiDocs.BAD_REQUEST), problem("Malformed request: an id, a parameter or the body"));
        responses.put(ApiDocs.name(ApiDocs.UNAUTHORIZED), problem("No bearer token, or an invalid or expired one")
                .addHeaderObject("WWW-Authenticate", new Header().$ref("#/components/headers/WWW-Authenticate")));
        responses.put(ApiDocs.name(ApiDocs.FORBIDDEN), problem("The token does not allow this"));
        responses.put(ApiDocs.name(ApiDocs.NOT_FOUND),
                problem("No such application visible to the caller (another workspace's reads the same)"));
        responses.put(ApiDocs.name(ApiDocs.CONFLICT), problem("The application's state does not allow this now"));
        responses.put(ApiDocs.name(ApiDocs.CONTENT_TOO_LARGE), problem("The body is larger than 64 KiB"));
        responses.put(ApiDocs.name(ApiDocs.UNSUPPORTED_MEDIA_TYPE), problem("The body is not application/json"));
        responses.put(ApiDocs.name(ApiDocs.UNPROCESSABLE_CONTENT),
                problem("The Idempotency-Key was used before with another request"));
        responses.put(ApiDocs.name(ApiDocs.TOO_MANY_REQUESTS), problem("Too many retry requests by this caller")
                .addHeaderObject("Retry-After", new Header().$ref(ApiDocs.RETRY_AFTER)));
        responses.put(ApiDocs.name(ApiDocs.SERVICE_UNAVAILABLE),
                problem("The command could not be recorded; nothing was changed, try again"));
        return responses;
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref(ApiDocs.PROBLEM))));
    }

    /**
     * The events of a stream, one schema per event: OpenAPI 3.1 has no notion of a stream of
     * events, so the response's schema is one event ({@code event}, {@code id}, {@code data} as the
     * lines of a server-sent event say them), of which the stream sends many.
     */
    @SuppressWarnings("rawtypes")
    private static Map<String, Schema> streamSchemas() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        Schema application = new Schema<>().oneOf(List.of(
                ref(ContractSchemas.APPLICATION_PROVISIONING_VIEW), ref(ContractSchemas.MODERATE_APPLICATION),
                new Schema<>().types(Set.of("null"))));
        schemas.put("StatusUpdate", new ObjectSchema()
                .description("An application of the stream's scope changed; application is null once it left the"
                        + " scope or was deleted")
                .addProperty("applicationId", new StringSchema().pattern(Ids.PATTERN))
                .addProperty("application", application)
                .required(List.of("applicationId", "application")));
        schemas.put("IssueSummary", new ObjectSchema().description("The scope's count after a change")
                .addProperty("count", new IntegerSchema().minimum(java.math.BigDecimal.ZERO))
                .required(List.of("count")));
        schemas.put("Resync", new ObjectSchema().description("Drop what you hold and reconnect without a cursor")
                .maxProperties(0));
        schemas.put("WorkspaceIssueEvent", events("WorkspaceIssueList"));
        schemas.put("PlatformIssueEvent", events("PlatformIssueList"));
        return schemas;
    }

    @SuppressWarnings("rawtypes")
    private static Schema events(String snapshot) {
        return new Schema<>().description("One server-sent event of the stream")
                .oneOf(List.of(
                        event(IssueStreamEvents.SNAPSHOT, snapshot, "The scope's list, first on a stream without a cursor"),
                        event(IssueStreamEvents.STATUS, "StatusUpdate", "An application of the scope changed"),
                        event(IssueStreamEvents.SUMMARY, "IssueSummary", "The count changed; carries the id to resume from"),
                        event(IssueStreamEvents.RESYNC, "Resync", "The cursor cannot be resumed; the stream ends")));
    }

    @SuppressWarnings("rawtypes")
    private static Schema event(String name, String data, String description) {
        return new ObjectSchema().description(description)
                .addProperty("event", new Schema<>().types(Set.of("string"))._const(name))
                .addProperty("id", new StringSchema().pattern(EVENT_ID_PATTERN)
                        .description("The cursor to resume from; absent on events within a change"))
                .addProperty("data", ref(data))
                .required(List.of("event", "data"));
    }

    private static ApiResponse stream(String description, String event) {
        return new ApiResponse().description(description + ": a text/event-stream of the events below, then"
                + " heartbeat comments; it ends when the token expires").content(new Content().addMediaType(
                        EVENT_STREAM, new MediaType().schema(ref(event))));
    }

    @SuppressWarnings("rawtypes")
    private static Schema ref(String schema) {
        return new Schema<>().$ref("#/components/schemas/" + schema);
    }

    /** {@code failed,partial}: the status filter's pattern, any of the statuses separated by commas. */
    private static String statusFilterPattern() {
        String any = Arrays.stream(ProvisioningStatus.values()).map(ProvisioningStatus::id)
                .collect(Collectors.joining("|", "(", ")"));
        return "^" + any + "(," + any + ")*$";
    }
}
