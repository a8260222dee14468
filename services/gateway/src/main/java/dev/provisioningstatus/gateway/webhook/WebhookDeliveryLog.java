package dev.provisioningstatus.gateway.webhook;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A subscription's latest delivery attempts, newest first, and how its deliveries are going. */
public record WebhookDeliveryLog(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String subscriptionId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) WebhookStatus status,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<WebhookDeliveryView> deliveries) {
}
