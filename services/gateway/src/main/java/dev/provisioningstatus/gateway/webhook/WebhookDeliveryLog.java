package dev.provisioningstatus.gateway.webhook;

import java.util.List;

/** A subscription's latest delivery attempts, newest first, and how its deliveries are going. */
public record WebhookDeliveryLog(String subscriptionId, WebhookStatus status, List<WebhookDeliveryView> deliveries) {
}
