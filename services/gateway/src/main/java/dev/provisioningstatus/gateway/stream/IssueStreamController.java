package dev.provisioningstatus.gateway.stream;

import dev.provisioningstatus.gateway.query.Detail;
import dev.provisioningstatus.gateway.query.IssueScope;
import dev.provisioningstatus.gateway.query.VisibleApplications;
import dev.provisioningstatus.gateway.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import dev.provisioningstatus.gateway.api.ApiDocs;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import io.netty.channel.Channel;
import java.util.function.BooleanSupplier;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * The live streams. Access was checked by the security rules when the client connected (again on
 * every reconnect); a stream ends when the caller's token expires, so the client reconnects with
 * a fresh one and its cursor.
 */
@Tag(name = "Streams", description = "Provisioning issues, live, as server-sent events")
@RestController
class IssueStreamController {

    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final String STREAM_SUFFIX = "/provisioning-issues/stream";

    private final IssueStream stream;
    private final Clock clock;

    IssueStreamController(IssueStream stream, Clock clock) {
        this.stream = stream;
        this.clock = clock;
    }

    @Operation(operationId = "streamWorkspaceIssues",
            summary = "A workspace's provisioning issues, live: snapshot, then status and summary events")
    @ApiResponse(responseCode = "200", ref = ApiDocs.WORKSPACE_ISSUE_STREAM)
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @GetMapping(path = "/api/workspaces/{workspaceId}" + STREAM_SUFFIX,
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Mono<Void> workspace(@Parameter(ref = ApiDocs.WORKSPACE_ID) @PathVariable String workspaceId,
            @Parameter(ref = ApiDocs.LAST_EVENT_ID_HEADER)
            @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventIdHeader,
            @Parameter(ref = ApiDocs.LAST_EVENT_ID_QUERY)
            @RequestParam(name = "lastEventId", required = false) String lastEventIdParameter,
            Caller caller, ServerHttpResponse response) {
        VisibleApplications.requireValidId(workspaceId, "workspace");
        return open(new IssueScope.Workspace(workspaceId), lastEventIdHeader, lastEventIdParameter, caller, response);
    }

    @Operation(operationId = "streamPlatformIssues",
            summary = "Every application with provisioning issues, live, full detail (admins)")
    @ApiResponse(responseCode = "200", ref = ApiDocs.PLATFORM_ISSUE_STREAM)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @GetMapping(path = "/api/admin" + STREAM_SUFFIX, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Mono<Void> platform(
            @Parameter(ref = ApiDocs.LAST_EVENT_ID_HEADER)
            @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventIdHeader,
            @Parameter(ref = ApiDocs.LAST_EVENT_ID_QUERY)
            @RequestParam(name = "lastEventId", required = false) String lastEventIdParameter,
            Caller caller, ServerHttpResponse response) {
        return open(IssueScope.Platform.withIssues(), lastEventIdHeader, lastEventIdParameter, caller, response);
    }

    /** Whether a request path is one of the streams'. */
    static boolean isStreamPath(String path) {
        return path.endsWith(STREAM_SUFFIX);
    }

    private Mono<Void> open(IssueScope scope, String lastEventIdHeader,
            String lastEventIdParameter, Caller caller, ServerHttpResponse response) {
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.TEXT_EVENT_STREAM);
        headers.setCacheControl("no-cache");
        // Tells nginx-style proxies to pass events through at once instead of buffering them.
        headers.set("X-Accel-Buffering", "no");
        String lastEventId = lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParameter;
        Duration untilExpiry = caller.expiresAt() == null
                ? Duration.ofDays(1)
                : Duration.between(clock.instant(), caller.expiresAt());
        DataBufferFactory buffers = response.bufferFactory();
        return response.writeWith(stream.open(scope, Detail.of(caller), lastEventId, untilExpiry, buffers::wrap,
                socketWritable(response)));
    }

    /**
     * Whether the connection's socket takes bytes now: Netty's writability (the bytes not yet
     * taken are under its high-water mark). Without Netty underneath, always.
     */
    private static BooleanSupplier socketWritable(ServerHttpResponse response) {
        Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
        if (nativeResponse instanceof Connection connection) {
            Channel channel = connection.channel();
            return channel::isWritable;
        }
        return () -> true;
    }
}
