package dev.provisioningstatus.gateway.webhook;

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
        String deliveryId,
        String webhookId,
        String applicationId,
        WebhookTransition transition,
        int attempt,
        Instant attemptedAt,
        Integer statusCode,
        long latencyMs,
        String error,
        WebhookDeliveryOutcome outcome) {

    static WebhookDeliveryView of(WebhookDeliveryAttempt attempt) {
        return new WebhookDeliveryView(attempt.deliveryId(), attempt.webhookId(), attempt.applicationId(),
                attempt.transition(), attempt.attempt(), attempt.attemptedAt(), attempt.statusCode(),
                attempt.latencyMs(), attempt.error(), attempt.outcome());
    }
}
