package dev.provisioningstatus.gateway.webhook;

import io.swagger.v3.oas.annotations.media.Schema;
import dev.provisioningstatus.events.WebhookDeliveryAttempt;
import dev.provisioningstatus.events.WebhookDeliveryOutcome;
import dev.provisioningstatus.events.WebhookTransition;
import java.time.Instant;

/**
 * One delivery attempt in a subscription's log.
 *
 * @param deliveryId what {@code …/deliveries/{deliveryId}/redeliver} names
 * @param statusCode the receiver's HTTP status; absent when no answer came
 * @param error      why the attempt failed; absent when it was delivered
 */
public record WebhookDeliveryView(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String deliveryId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String webhookId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String applicationId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) WebhookTransition transition,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int attempt,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant attemptedAt,
        Integer statusCode,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long latencyMs,
        String error,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) WebhookDeliveryOutcome outcome) {

    static WebhookDeliveryView of(WebhookDeliveryAttempt attempt) {
        return new WebhookDeliveryView(attempt.deliveryId(), attempt.webhookId(), attempt.applicationId(),
                attempt.transition(), attempt.attempt(), attempt.attemptedAt(), attempt.statusCode(),
                attempt.latencyMs(), attempt.error(), attempt.outcome());
    }
}
