package dev.provisioningstatus.notifier.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the notifier delivers webhooks ({@code provisioning.notifier.delivery.*}).
 *
 * @param maxAttempts attempts per delivery; after the last failed one the delivery is dead-lettered
 * @param initialBackoff the wait after the first failed attempt
 * @param backoffMultiplier each further wait is this much longer, up to {@code maxBackoff}
 * @param jitter the fraction of each wait that is random (0 to 1), so receivers that come back are not
 *        hit by every sender at once
 * @param connectTimeout to open a connection
 * @param responseTimeout between bytes of the answer
 * @param maxResponseBytes how much of an answer's body is read (kept in the log's error); the rest is dropped
 * @param perEndpointConcurrency connections open at once to one endpoint (scheme, host and port)
 * @param maxConnections connections open at once in all
 */
@ConfigurationProperties("provisioning.notifier.delivery")
public record DeliveryProperties(
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("2.0") double backoffMultiplier,
        @DefaultValue("60s") Duration maxBackoff,
        @DefaultValue("0.5") double jitter,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration responseTimeout,
        @DefaultValue("4096") int maxResponseBytes,
        @DefaultValue("2") int perEndpointConcurrency,
        @DefaultValue("64") int maxConnections) {

    public DeliveryProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("provisioning.notifier.delivery.max-attempts must be at least 1");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("provisioning.notifier.delivery.jitter must be between 0 and 1");
        }
        if (backoffMultiplier < 1) {
            throw new IllegalArgumentException("provisioning.notifier.delivery.backoff-multiplier must be at least 1");
        }
    }
}
