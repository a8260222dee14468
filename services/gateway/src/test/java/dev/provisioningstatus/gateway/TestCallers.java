package dev.provisioningstatus.gateway;

import dev.provisioningstatus.gateway.security.Caller;
import java.time.Instant;
import java.util.Set;

/** Callers for tests that need no token. */
public final class TestCallers {

    private static final Instant IN_AN_HOUR = Instant.now().plusSeconds(3600);

    private TestCallers() {
    }

    public static Caller member(String subject, String... workspaces) {
        return new Caller(subject, Set.of(workspaces), Set.of(), Set.of(), IN_AN_HOUR);
    }

    public static Caller admin(String subject) {
        return new Caller(subject, Set.of(), Set.of(Caller.PLATFORM_ADMIN), Set.of(), IN_AN_HOUR);
    }
}
