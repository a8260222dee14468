package dev.provisioningstatus.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * One attempt of the notifier to deliver a transition to one subscription's endpoint, on
 * {@code notifications.deliveries}, keyed by subscription id: the delivery log the gateway shows.
 *
 * @param deliveryId the transition delivered to this subscription ({@link #deliveryId(String, String)}): the same
 *        for every attempt and every redelivery of it
 * @param webhookId the transition's id, sent as the {@code webhook-id} header
 * @param attempt 1 for the first attempt of a delivery run; a redelivery starts a new run at 1
 * @param statusCode the receiver's HTTP status, absent when no answer came
 * @param latencyMs from sending the request to the end of the answer (or the failure)
 * @param error why the attempt failed, for the subscriber: absent when it was delivered
 */
public record WebhookDeliveryAttempt(
        String eventId,
        String deliveryId,
        String subscriptionId,
        String webhookId,
        String applicationId,
        WebhookTransition transition,
        int attempt,
        Instant attemptedAt,
        Integer statusCode,
        long latencyMs,
        String error,
        WebhookDeliveryOutcome outcome) implements ContractEvent {

    public static WebhookDeliveryAttempt of(String subscriptionId, String webhookId, String applicationId,
            WebhookTransition transition, int attempt, Instant attemptedAt, Integer statusCode, long latencyMs,
            String error, WebhookDeliveryOutcome outcome) {
        String deliveryId = deliveryId(subscriptionId, webhookId);
        return new WebhookDeliveryAttempt(EventIds.of("WebhookDeliveryAttempt", deliveryId, attempt, attemptedAt),
                deliveryId, subscriptionId, webhookId, applicationId, transition, attempt, attemptedAt, statusCode,
                latencyMs, error, outcome);
    }

    /** One transition to one subscription: what a redelivery names. */
    public static String deliveryId(String subscriptionId, String webhookId) {
        return EventIds.of("WebhookDelivery", subscriptionId, webhookId);
    }

    /** The record key and {@code ce_subject}: the subscription. */
    @JsonIgnore
    @Override
    public String subject() {
        return subscriptionId;
    }

    @Override
    public Instant occurredAt() {
        return attemptedAt;
    }
}
