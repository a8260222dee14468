package dev.provisioningstatus.gateway.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How bearer tokens are verified besides the identity provider settings Spring Boot already has
 * ({@code spring.security.oauth2.resourceserver.jwt.*}); {@link TokenVerification} picks the mode.
 *
 * @param hmacSecret the HS256 key as UTF-8 text, at least 32 bytes (HS256 needs a 256-bit key);
 *                   the embedded and devstack mode. Blank counts as not set.
 * @param clockSkew  tolerance when checking {@code exp} and {@code nbf} against this machine's clock
 */
@ConfigurationProperties("provisioning.gateway.security")
public record GatewaySecurityProperties(String hmacSecret, @DefaultValue("30s") Duration clockSkew) {

    static final int MIN_SECRET_BYTES = 32;

    public GatewaySecurityProperties {
        // A short key makes every token forgeable; refuse to start rather than serve with it.
        if (hasHmacSecret(hmacSecret) && hmacSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("provisioning.gateway.security.hmac-secret must be at least "
                    + MIN_SECRET_BYTES + " bytes");
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("provisioning.gateway.security.clock-skew must not be negative");
        }
    }

    public boolean hasHmacSecret() {
        return hasHmacSecret(hmacSecret);
    }

    public byte[] hmacKey() {
        if (!hasHmacSecret()) {
            throw new IllegalStateException("provisioning.gateway.security.hmac-secret is not set");
        }
        return hmacSecret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "GatewaySecurityProperties[hmacSecret=" + (hasHmacSecret() ? "<hidden>" : "<unset>")
                + ", clockSkew=" + clockSkew + "]";
    }

    private static boolean hasHmacSecret(String secret) {
        return secret != null && !secret.isBlank();
    }
}
