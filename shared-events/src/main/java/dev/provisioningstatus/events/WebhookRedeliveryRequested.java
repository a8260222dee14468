package dev.provisioningstatus.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * Someone asked the notifier to deliver a transition to a subscription again, on
 * {@code notifications.commands}, keyed by subscription id. The redelivery carries the same
 * {@code webhook-id} as the first delivery, so receivers that already have it drop it.
 *
 * @param deliveryId a {@link WebhookDeliveryAttempt#deliveryId()} from the delivery log
 * @param applicationId the application the delivery is about, as the delivery log shows it
 */
public record WebhookRedeliveryRequested(
        String eventId,
        String subscriptionId,
        String deliveryId,
        String applicationId,
        String requestedBy,
        Instant requestedAt) implements ContractEvent {

    public static WebhookRedeliveryRequested of(String subscriptionId, String deliveryId, String applicationId,
            String requestedBy, Instant requestedAt) {
        return new WebhookRedeliveryRequested(
                EventIds.of("WebhookRedeliveryRequested", subscriptionId, deliveryId, requestedBy, requestedAt),
                subscriptionId, deliveryId, applicationId, requestedBy, requestedAt);
    }

    /** The record key and {@code ce_subject}: the subscription. */
    @JsonIgnore
    @Override
    public String subject() {
        return subscriptionId;
    }

    @Override
    public Instant occurredAt() {
        return requestedAt;
    }
}
