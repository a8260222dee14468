package dev.provisioningstatus.gateway.stream;

import dev.provisioningstatus.events.Ids;
import dev.provisioningstatus.gateway.query.IssueScope;
import dev.provisioningstatus.gateway.query.VisibleApplications;
import dev.provisioningstatus.gateway.security.AccessRefusals;
import dev.provisioningstatus.gateway.security.Caller;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Who may open which stream. The streams are served below WebFlux ({@link IssueStreamRoutes}), out
 * of reach of the security filter chain, so this applies the chain's rules for them, in the same
 * order: a bearer token from the (first) {@code Authorization} header only, verified by the same decoder;
 * the platform stream for admins; a workspace's stream for its members and admins, and for any
 * signed-in caller a 400 when the id is malformed (it names no workspace, so no membership is at
 * stake). One difference: a token that cannot be verified because the identity provider's keys
 * cannot be fetched is a 503 here, where the filter chain fails the request with a 500.
 */
final class StreamAccess {

    /** RFC 6750's {@code b64token}, the grammar Spring Security's bearer converter reads. */
    private static final Pattern BEARER = Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$",
            Pattern.CASE_INSENSITIVE);

    private final ReactiveJwtDecoder tokens;

    StreamAccess(ReactiveJwtDecoder tokens) {
        this.tokens = tokens;
    }

    /** What the answer to a stream request is. */
    sealed interface Decision {
    }

    record Open(IssueScope scope, Caller caller) implements Decision {
    }

    /** @param challenge the {@code WWW-Authenticate} value of a 401, else {@code null} */
    record Refused(HttpStatus status, String detail, String challenge) implements Decision {
    }

    /**
     * @param authorization the request's {@code Authorization} header values; the first counts, as in the filter chain
     * @param workspaceId   the workspace of a workspace stream, {@code null} for the platform stream
     */
    Mono<Decision> decide(List<String> authorization, String workspaceId) {
        if (authorization.isEmpty() || !authorization.get(0).regionMatches(true, 0, "Bearer", 0, 6)) {
            return Mono.just(new Refused(HttpStatus.UNAUTHORIZED, AccessRefusals.NO_TOKEN, AccessRefusals.BEARER));
        }
        Matcher bearer = BEARER.matcher(authorization.get(0));
        if (!bearer.matches()) {
            return Mono.just(badToken());
        }
        return tokens.decode(bearer.group("token"))
                .map(jwt -> authorize(Caller.from(jwt), workspaceId))
                .onErrorResume(BadJwtException.class, invalid -> Mono.just(badToken()))
                .onErrorResume(JwtException.class, unverifiable -> Mono.just(new Refused(
                        HttpStatus.SERVICE_UNAVAILABLE, AccessRefusals.TOKEN_UNVERIFIABLE, null)));
    }

    private static Decision authorize(Caller caller, String workspaceId) {
        if (workspaceId == null) {
            return caller.isAdmin() ? new Open(IssueScope.Platform.withIssues(), caller) : forbidden();
        }
        if (!Ids.isValid(workspaceId)) {
            return new Refused(HttpStatus.BAD_REQUEST, VisibleApplications.malformedId("workspace"), null);
        }
        return caller.mayReadWorkspace(workspaceId) ? new Open(new IssueScope.Workspace(workspaceId), caller) : forbidden();
    }

    private static Refused badToken() {
        return new Refused(HttpStatus.UNAUTHORIZED, AccessRefusals.BAD_TOKEN, AccessRefusals.BAD_TOKEN_CHALLENGE);
    }

    private static Refused forbidden() {
        return new Refused(HttpStatus.FORBIDDEN, AccessRefusals.FORBIDDEN, null);
    }
}
