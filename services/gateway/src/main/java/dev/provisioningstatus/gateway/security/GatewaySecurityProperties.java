package dev.provisioningstatus.gateway.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How bearer tokens are verified.
 *
 * @param hmacSecret the HS256 key as UTF-8 text; at least 32 bytes (HS256 needs a 256-bit key)
 * @param clockSkew  tolerance when checking {@code exp} and {@code nbf} against this machine's clock
 */
@ConfigurationProperties("provisioning.gateway.security")
public record GatewaySecurityProperties(String hmacSecret, @DefaultValue("30s") Duration clockSkew) {

    static final int MIN_SECRET_BYTES = 32;

    public GatewaySecurityProperties {
        // A short or missing key makes every token forgeable; refuse to start rather than serve with it.
        if (hmacSecret == null || hmacSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("provisioning.gateway.security.hmac-secret must be set to at least "
                    + MIN_SECRET_BYTES + " bytes");
        }
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("provisioning.gateway.security.clock-skew must not be negative");
        }
    }

    public byte[] hmacKey() {
        return hmacSecret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "GatewaySecurityProperties[hmacSecret=<hidden>, clockSkew=" + clockSkew + "]";
    }
}
