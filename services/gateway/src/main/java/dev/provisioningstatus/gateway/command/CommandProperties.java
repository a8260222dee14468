package dev.provisioningstatus.gateway.command;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway writes to {@code applications} and {@code provisioning.commands}.
 *
 * @param transactionIdPrefix start of the transactional ids; each instance appends its own random
 *                            part, so instances never fence each other
 * @param timeout             longest the producer blocks in one step (metadata, send, commit)
 * @param idempotencyKeys     how many {@code Idempotency-Key}s are remembered
 * @param idempotencyKeyTtl   how long an {@code Idempotency-Key} is remembered
 */
@ConfigurationProperties("provisioning.gateway.commands")
public record CommandProperties(
        @DefaultValue("gateway-") String transactionIdPrefix,
        @DefaultValue("15s") Duration timeout,
        @DefaultValue("10000") int idempotencyKeys,
        @DefaultValue("24h") Duration idempotencyKeyTtl) {
}
