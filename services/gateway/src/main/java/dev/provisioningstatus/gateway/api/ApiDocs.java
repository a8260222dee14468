package dev.provisioningstatus.gateway.api;

/**
 * The shared parts of the API description, for operations to refer to. An operation documents
 * every status it can answer: its success through its return type (or an {@code @ApiResponse}
 * when it needs headers, e.g. {@code 201} with {@link #LOCATION}), every error with
 * {@code @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)}. Every error is an RFC 9457
 * {@code application/problem+json} document ({@code Problem}); {@code 401} is added to every
 * operation that requires a token, so operations list only the others.
 */
public final class ApiDocs {

    public static final String BEARER = "bearer-jwt";

    public static final String PROBLEM = "#/components/schemas/Problem";

    public static final String BAD_REQUEST = "#/components/responses/BadRequest";
    public static final String UNAUTHORIZED = "#/components/responses/Unauthorized";
    public static final String FORBIDDEN = "#/components/responses/Forbidden";
    public static final String NOT_FOUND = "#/components/responses/NotFound";
    public static final String CONFLICT = "#/components/responses/Conflict";
    public static final String CONTENT_TOO_LARGE = "#/components/responses/ContentTooLarge";
    public static final String UNSUPPORTED_MEDIA_TYPE = "#/components/responses/UnsupportedMediaType";
    public static final String UNPROCESSABLE_CONTENT = "#/components/responses/UnprocessableContent";
    public static final String TOO_MANY_REQUESTS = "#/components/responses/TooManyRequests";
    public static final String SERVICE_UNAVAILABLE = "#/components/responses/ServiceUnavailable";

    public static final String LOCATION = "#/components/headers/Location";
    public static final String RETRY_AFTER = "#/components/headers/Retry-After";

    public static final String IDEMPOTENCY_KEY = "#/components/parameters/Idempotency-Key";
    public static final String APPLICATION_ID = "#/components/parameters/applicationId";
    public static final String WORKSPACE_ID = "#/components/parameters/workspaceId";
    public static final String LAST_EVENT_ID_HEADER = "#/components/parameters/Last-Event-ID";
    public static final String LAST_EVENT_ID_QUERY = "#/components/parameters/lastEventId";
    public static final String STATUS_FILTER = "#/components/parameters/status";

    public static final String WORKSPACE_ISSUE_STREAM = "#/components/responses/WorkspaceIssueStream";
    public static final String PLATFORM_ISSUE_STREAM = "#/components/responses/PlatformIssueStream";

    private ApiDocs() {
    }

    /** The name a {@code #/components/<kind>/<name>} reference ends with. */
    static String name(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
