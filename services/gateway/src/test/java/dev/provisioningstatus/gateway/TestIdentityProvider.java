package dev.provisioningstatus.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A stand-in for a production identity provider: an RS256 key pair, its public JWK set and OpenID
 * discovery document served over HTTP on a random loopback port, and tokens signed with its key
 * (or, for forgeries, with another key under the same key id).
 */
public final class TestIdentityProvider implements AutoCloseable {

    private static final String KEY_ID = "test-provider-key-1";

    private final RSAKey signingKey;
    private final RSAKey otherKey;
    private final HttpServer server;

    private TestIdentityProvider(RSAKey signingKey, RSAKey otherKey, HttpServer server) {
        this.signingKey = signingKey;
        this.otherKey = otherKey;
        this.server = server;
    }

    public static TestIdentityProvider start() {
        try {
            RSAKey signingKey = new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
            RSAKey otherKey = new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TestIdentityProvider provider = new TestIdentityProvider(signingKey, otherKey, server);
            server.createContext("/jwks.json", exchange -> provider.respond(exchange,
                    new JWKSet(signingKey.toPublicJWK()).toString()));
            server.createContext("/.well-known/openid-configuration", exchange -> provider.respond(exchange,
                    "{\"issuer\":\"" + provider.issuer() + "\",\"jwks_uri\":\"" + provider.jwkSetUri() + "\","
                            + "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                            + "\"subject_types_supported\":[\"public\"],\"response_types_supported\":[\"code\"]}"));
            server.start();
            return provider;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    public String jwkSetUri() {
        return issuer() + "/jwks.json";
    }

    public String member(String subject, String... workspaces) {
        return sign(signingKey, claims(subject, List.of(workspaces), List.of(), inAnHour()).build());
    }

    public String admin(String subject) {
        return sign(signingKey, claims(subject, List.of(), List.of("platform-admin"), inAnHour()).build());
    }

    public String expired(String subject, String... workspaces) {
        return sign(signingKey, claims(subject, List.of(workspaces), List.of(), Instant.now().minus(Duration.ofHours(1)))
                .build());
    }

    /** Claims and key id as the provider would issue them, signed with a key it never published. */
    public String signedByAnotherKey(String subject, String... workspaces) {
        return sign(otherKey, claims(subject, List.of(workspaces), List.of(), inAnHour()).build());
    }

    public String withIssuer(String issuer, String subject, String... workspaces) {
        return sign(signingKey, claims(subject, List.of(workspaces), List.of(), inAnHour()).issuer(issuer).build());
    }

    public String withAudience(String audience, String subject, String... workspaces) {
        return sign(signingKey, claims(subject, List.of(workspaces), List.of(), inAnHour())
                .issuer(issuer()).audience(audience).build());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void respond(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Instant inAnHour() {
        return Instant.now().plus(Duration.ofHours(1));
    }

    private JWTClaimsSet.Builder claims(String subject, List<String> workspaces, List<String> roles, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(issuer())
                .claim("workspaces", workspaces)
                .claim("roles", roles)
                .issueTime(Date.from(expiresAt.minus(Duration.ofHours(2))))
                .expirationTime(Date.from(expiresAt));
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
