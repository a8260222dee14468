package dev.provisioningstatus.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class CallerTest {

    private static Jwt token(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "HS256").subject("alice")
                .expiresAt(Instant.parse("2030-01-01T00:00:00Z"));
        claims.forEach(builder::claim);
        return builder.build();
    }

    @Test
    void membersReadOnlyTheirOwnWorkspaces() {
        Caller alice = Caller.from(token(Map.of("workspaces", List.of("acme"))));

        assertThat(alice.mayReadWorkspace("acme")).isTrue();
        assertThat(alice.mayReadWorkspace("globex")).isFalse();
        assertThat(alice.isAdmin()).isFalse();
    }

    @Test
    void platformAdminsReadEveryWorkspace() {
        Caller admin = Caller.from(token(Map.of("roles", List.of("platform-admin"))));

        assertThat(admin.mayReadWorkspace("globex")).isTrue();
        assertThat(admin.mayRegisterApplications()).isTrue();
    }

    @Test
    void theWriteScopeMayRegisterApplications() {
        Caller service = Caller.from(token(Map.of("scope", "applications:read applications:write")));

        assertThat(service.scopes()).containsExactlyInAnyOrder("applications:read", "applications:write");
        assertThat(service.mayRegisterApplications()).isTrue();
    }

    @Test
    void missingClaimsGrantNothing() {
        Caller nobody = Caller.from(token(Map.of()));

        assertThat(nobody.workspaces()).isEmpty();
        assertThat(nobody.mayRegisterApplications()).isFalse();
        assertThat(nobody.mayReadWorkspace("acme")).isFalse();
    }
}
