package dev.provisioningstatus.gateway.webhook;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** An owner's subscriptions, oldest first. */
public record WebhookSubscriptionList(@Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        List<WebhookSubscriptionView> webhooks) {
}
