package dev.provisioningstatus.gateway.security;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, as the verified bearer token says.
 *
 * @param subject    the {@code sub} claim
 * @param workspaces the {@code workspaces} claim: ids of the workspaces the caller is a member of
 * @param roles      the {@code roles} claim, e.g. {@code platform-admin}
 * @param scopes     the space-separated {@code scope} claim, e.g. {@code applications:write}
 * @param expiresAt  the {@code exp} claim
 */
public record Caller(String subject, Set<String> workspaces, Set<String> roles, Set<String> scopes, Instant expiresAt) {

    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String APPLICATIONS_WRITE = "applications:write";

    public Caller {
        workspaces = Set.copyOf(workspaces);
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }

    public static Caller from(Jwt jwt) {
        return new Caller(jwt.getSubject(), strings(jwt.getClaim("workspaces")), strings(jwt.getClaim("roles")),
                strings(jwt.getClaim("scope")), jwt.getExpiresAt());
    }

    public boolean isAdmin() {
        return roles.contains(PLATFORM_ADMIN);
    }

    public boolean isMemberOf(String workspaceId) {
        return workspaceId != null && workspaces.contains(workspaceId);
    }

    /** Members read their own workspace; admins read every workspace. */
    public boolean mayReadWorkspace(String workspaceId) {
        return isAdmin() || isMemberOf(workspaceId);
    }

    /** Registering applications is for admins and for platform services holding the write scope. */
    public boolean mayRegisterApplications() {
        return isAdmin() || scopes.contains(APPLICATIONS_WRITE);
    }

    /** A claim given either as a JSON array or as one space-separated string. */
    private static Set<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().filter(String.class::isInstance).map(String.class::cast)
                    .filter(value -> !value.isBlank()).collect(Collectors.toUnmodifiableSet());
        }
        if (claim instanceof String value) {
            return Arrays.stream(value.trim().split("\\s+")).filter(part -> !part.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }
}
