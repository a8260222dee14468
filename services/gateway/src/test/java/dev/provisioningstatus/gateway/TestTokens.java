package dev.provisioningstatus.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
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

/** Mints the bearer tokens of the tests: HS256 with {@link #SECRET}, the gateway's test key. */
public final class TestTokens {

    public static final String SECRET = "test-only-hmac-secret-of-at-least-32-bytes!";
    private static final String FORGER_SECRET = "some-other-secret-that-the-gateway-never-saw";

    private TestTokens() {
    }

    public static String member(String subject, String... workspaces) {
        return sign(claims(subject, List.of(workspaces), List.of(), null, Instant.now().plus(Duration.ofHours(1))), SECRET);
    }

    public static String admin(String subject) {
        return sign(claims(subject, List.of(), List.of("platform-admin"), null, Instant.now().plus(Duration.ofHours(1))),
                SECRET);
    }

    /** A member who may also register applications (a platform portal acting for its user, say): no admin role. */
    public static String memberWithScope(String subject, String scope, String... workspaces) {
        return sign(claims(subject, List.of(workspaces), List.of(), scope, Instant.now().plus(Duration.ofHours(1))),
                SECRET);
    }

    public static String service(String subject, String scope) {
        return sign(claims(subject, List.of(), List.of(), scope, Instant.now().plus(Duration.ofHours(1))), SECRET);
    }

    /** Valid in every way but expired an hour ago. */
    public static String expired(String subject, String... workspaces) {
        return sign(claims(subject, List.of(workspaces), List.of("platform-admin"), null,
                Instant.now().minus(Duration.ofHours(1))), SECRET);
    }

    /** Claims an admin would have, signed with a key the gateway does not know. */
    public static String forged(String subject) {
        return sign(claims(subject, List.of(), List.of("platform-admin"), null, Instant.now().plus(Duration.ofHours(1))),
                FORGER_SECRET);
    }

    private static JWTClaimsSet claims(String subject, List<String> workspaces, List<String> roles, String scope,
            Instant expiresAt) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("workspaces", workspaces)
                .claim("roles", roles)
                .issueTime(Date.from(expiresAt.minus(Duration.ofHours(2))))
                .expirationTime(Date.from(expiresAt));
        if (scope != null) {
            claims.claim("scope", scope);
        }
        return claims.build();
    }

    private static String sign(JWTClaimsSet claims, String secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                    claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
