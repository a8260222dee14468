package dev.provisioningstatus.reliability.system;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * HS256 tokens with any claims, expired ones and ones signed with the wrong key included: the
 * devstack's {@code DemoTokens} only mints valid tokens, and these suites need the invalid kinds too.
 */
public final class Tokens {

    private final String secret;

    public Tokens(String secret) {
        this.secret = secret;
    }

    public String member(String subject, String... workspaces) {
        return sign(secret, subject, List.of(workspaces), List.of(), null, Instant.now().plus(Duration.ofHours(1)));
    }

    public String admin(String subject) {
        return sign(secret, subject, List.of(), List.of("platform-admin"), null, Instant.now().plus(Duration.ofHours(1)));
    }

    /** A platform service allowed to register applications. */
    public String platformService(String subject) {
        return sign(secret, subject, List.of(), List.of(), "applications:write", Instant.now().plus(Duration.ofHours(1)));
    }

    /** Well signed, but expired an hour ago (far beyond any clock-skew allowance). */
    public String expiredMember(String subject, String... workspaces) {
        return sign(secret, subject, List.of(workspaces), List.of(), null, Instant.now().minus(Duration.ofHours(1)));
    }

    /** Claims an admin role, signed with a key the gateway does not know. */
    public String forgedAdmin(String subject) {
        return sign("forged-" + secret, subject, List.of(), List.of("platform-admin"), null,
                Instant.now().plus(Duration.ofHours(1)));
    }

    private static String sign(String key, String subject, List<String> workspaces, List<String> roles, String scope,
            Instant expiresAt) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer("reliability")
                .issueTime(Date.from(expiresAt.minus(Duration.ofHours(2))))
                .expirationTime(Date.from(expiresAt))
                .claim("workspaces", workspaces)
                .claim("roles", roles);
        if (scope != null) {
            claims.claim("scope", scope);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
        return jwt.serialize();
    }
}
