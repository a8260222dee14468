package dev.provisioningstatus.gateway.stream;

import dev.provisioningstatus.gateway.problem.ProblemResponses;
import dev.provisioningstatus.gateway.query.Detail;
import dev.provisioningstatus.gateway.security.AccessRefusals;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.cors.CorsConfiguration;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The two live streams, served by Reactor Netty ahead of WebFlux. A stream lives as long as its
 * connection, and under WebFlux every open stream kept its exchange, its filter chain and their
 * operators for all that time; here a connection keeps its channel and a
 * {@link StreamConnection}. What the filter chain did for every other route is done here, the
 * same way: CORS ({@link dev.provisioningstatus.gateway.security.SecurityConfiguration#crossOrigin}),
 * the token and the access rules ({@link StreamAccess}), the security headers, and refusals as
 * problem documents ({@link ProblemResponses}). Every other method and path goes on to WebFlux.
 */
final class IssueStreamRoutes implements NettyRouteProvider {

    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final Pattern WORKSPACE_STREAM =
            Pattern.compile("^/api/workspaces/([^/]+)/provisioning-issues/stream$");
    private static final String PLATFORM_STREAM = "/api/admin/provisioning-issues/stream";
    /** What Spring's CORS processing adds to every API answer, whether the request was cross-origin or not. */
    private static final List<String> CORS_VARY = List.of("Origin", "Access-Control-Request-Method",
            "Access-Control-Request-Headers");

    private final IssueStream stream;
    private final StreamAccess access;
    private final CorsConfiguration cors;
    private final ProblemResponses problems;
    private final Clock clock;

    IssueStreamRoutes(IssueStream stream, StreamAccess access, CorsConfiguration cors, ProblemResponses problems,
            Clock clock) {
        this.stream = stream;
        this.access = access;
        this.cors = cors;
        this.problems = problems;
        this.clock = clock;
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(request -> request.method().equals(HttpMethod.GET)
                && isStreamPath(rawPath(request.uri())), this::serve);
    }

    /** Whether a request path, as sent (not decoded), is one of the streams'. */
    static boolean isStreamPath(String rawPath) {
        return PLATFORM_STREAM.equals(rawPath) || WORKSPACE_STREAM.matcher(rawPath).matches();
    }

    /**
     * The request target's path as sent. Matching on it, not on the decoded path, leaves every
     * encoded variant ({@code %2F}, {@code %2e%2e}) to WebFlux and its firewall, and never parses
     * a target that is not a valid URI.
     */
    static String rawPath(String requestTarget) {
        return new QueryStringDecoder(requestTarget).rawPath();
    }

    private Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response) {
        securityHeaders(request, response);
        String path = rawPath(request.uri());
        CORS_VARY.forEach(vary -> response.addHeader(HttpHeaderNames.VARY, vary));
        String origin = request.requestHeaders().get(HttpHeaderNames.ORIGIN);
        if (origin != null && !isSameOrigin(request, origin)) {
            String allowed = cors.checkOrigin(origin);
            if (allowed == null) {
                return refuse(response, path, new StreamAccess.Refused(HttpStatus.FORBIDDEN,
                        AccessRefusals.ORIGIN_NOT_ALLOWED, null));
            }
            response.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowed)
                    .header(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, String.join(", ", cors.getExposedHeaders()));
        }
        Matcher workspace = WORKSPACE_STREAM.matcher(path);
        String workspaceId = workspace.matches() ? workspace.group(1) : null;
        // Through a future: the stream, which lives for hours, then holds the decision, not the chain that
        // verified the token (and with it the token).
        return Mono.fromFuture(access.decide(request.requestHeaders().getAll(HttpHeaderNames.AUTHORIZATION),
                        workspaceId).toFuture())
                .flatMapMany(decision -> decision instanceof StreamAccess.Open open
                        ? open(request, response, open)
                        : refuse(response, path, (StreamAccess.Refused) decision));
    }

    private Publisher<Void> open(HttpServerRequest request, HttpServerResponse response, StreamAccess.Open open) {
        response.status(HttpResponseStatus.OK)
                .header(HttpHeaderNames.CONTENT_TYPE, MediaType.TEXT_EVENT_STREAM_VALUE)
                .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                // Tells nginx-style proxies to pass events through at once instead of buffering them.
                .header("X-Accel-Buffering", "no");
        Duration untilExpiry = open.caller().expiresAt() == null
                ? Duration.ofDays(1)
                : Duration.between(clock.instant(), open.caller().expiresAt());
        String lastEventId = lastEventId(request);
        // Read once: an open stream keeps neither the caller's token nor the other request headers (an
        // access log that prints request headers gets none for streams).
        request.requestHeaders().clear();
        AtomicReference<Channel> channel = new AtomicReference<>();
        response.withConnection(connection -> channel.set(connection.channel()));
        Channel socket = channel.get();
        return response.send(stream.open(open.scope(), Detail.of(open.caller()), lastEventId, untilExpiry,
                Unpooled::wrappedBuffer, socket::isWritable, socket.eventLoop()));
    }

    private Publisher<Void> refuse(HttpServerResponse response, String path, StreamAccess.Refused refused) {
        response.status(refused.status().value())
                .header(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .header(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate")
                .header(HttpHeaderNames.PRAGMA, "no-cache")
                .header(HttpHeaderNames.EXPIRES, "0");
        if (refused.challenge() != null) {
            response.header(HttpHeaderNames.WWW_AUTHENTICATE, refused.challenge());
        }
        ByteBuf body = Unpooled.wrappedBuffer(problems.body(refused.status(), refused.detail(), path));
        response.header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(body.readableBytes()));
        return response.send(Mono.just(body));
    }

    /** The header or, for clients that cannot set headers, the {@code lastEventId} query parameter. */
    private static String lastEventId(HttpServerRequest request) {
        String header = request.requestHeaders().get(LAST_EVENT_ID);
        if (header != null) {
            return header;
        }
        List<String> parameter = new QueryStringDecoder(request.uri()).parameters().get("lastEventId");
        return parameter == null || parameter.isEmpty() ? null : parameter.get(0);
    }

    /**
     * A page of the gateway's own origin may send {@code Origin} too; CORS is about the others. Same
     * scheme, host and port, a missing port being the scheme's default, as Spring's CORS filter has it.
     */
    private static boolean isSameOrigin(HttpServerRequest request, String origin) {
        try {
            URI parsed = URI.create(origin);
            String scheme = request.scheme();
            return scheme.equalsIgnoreCase(parsed.getScheme()) && request.hostName().equalsIgnoreCase(parsed.getHost())
                    && request.hostPort() == port(parsed.getPort(), scheme);
        } catch (IllegalArgumentException | NullPointerException malformed) {
            return false;
        }
    }

    private static int port(int port, String scheme) {
        return port != -1 ? port : "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    /** Those the security filter chain writes on every answer. */
    private static void securityHeaders(HttpServerRequest request, HttpServerResponse response) {
        response.header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("X-XSS-Protection", "0")
                .header("Referrer-Policy", "no-referrer");
        if ("https".equalsIgnoreCase(request.scheme())) {
            response.header("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
        }
    }
}
