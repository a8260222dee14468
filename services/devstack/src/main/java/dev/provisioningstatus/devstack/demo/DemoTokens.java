package dev.provisioningstatus.devstack.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mints HS256 tokens for the demo users. This helper exists only in the devstack: production
 * gateways verify tokens from a real issuer and never mint any.
 */
public final class DemoTokens {

    /** Demo users: who they are, which workspaces they belong to, which roles they hold. */
    public record DemoUser(String id, String displayName, List<String> workspaces, List<String> roles) {
    }

    public static final List<DemoUser> USERS = List.of(
            new DemoUser("alice", "Alice (member of acme)", List.of("acme"), List.of()),
            new DemoUser("bob", "Bob (member of globex)", List.of("globex"), List.of()),
            // The widget's end-to-end test spends her retry allowance to see a 429, so alice keeps hers.
            new DemoUser("carol", "Carol (member of acme)", List.of("acme"), List.of()),
            new DemoUser("admin", "Ada (platform admin)", List.of(), List.of("platform-admin")));

    private static final Duration LIFETIME = Duration.ofHours(1);

    private final String secret;

    public DemoTokens(String secret) {
        this.secret = secret;
    }

    /** A fresh random key for one devstack run; nothing is ever committed. */
    public static String randomSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String secret() {
        return secret;
    }

    public Optional<String> tokenFor(String userId) {
        return USERS.stream().filter(user -> user.id().equals(userId)).findFirst().map(this::sign);
    }

    /** A service token allowed to register applications, as the platform would hold. */
    public String platformServiceToken() {
        return sign("devstack-seeder", List.of(), List.of(), Map.of("scope", "applications:write"));
    }

    /** A member or admin token for any subject, e.g. for end-to-end tests with their own workspaces. */
    public String tokenFor(String subject, List<String> workspaces, List<String> roles) {
        return sign(subject, workspaces, roles, Map.of());
    }

    private String sign(DemoUser user) {
        return sign(user.id(), user.workspaces(), user.roles(), Map.of());
    }

    private String sign(String subject, List<String> workspaces, List<String> roles, Map<String, Object> extra) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer("devstack")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .claim("workspaces", workspaces)
                .claim("roles", roles);
        extra.forEach(claims::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign demo token", e);
        }
        return jwt.serialize();
    }
}
