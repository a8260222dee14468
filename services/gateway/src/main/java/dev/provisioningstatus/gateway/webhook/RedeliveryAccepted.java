package dev.provisioningstatus.gateway.webhook;

/** A redelivery was requested; the notifier sends the delivery again with the same {@code webhook-id}. */
public record RedeliveryAccepted(String subscriptionId, String deliveryId, String requestId) {
}
