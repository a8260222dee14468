package dev.provisioningstatus.gateway.webhook;

import io.swagger.v3.oas.annotations.media.Schema;

/** A redelivery was requested; the notifier sends the delivery again with the same {@code webhook-id}. */
public record RedeliveryAccepted(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String subscriptionId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String deliveryId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String requestId) {
}
