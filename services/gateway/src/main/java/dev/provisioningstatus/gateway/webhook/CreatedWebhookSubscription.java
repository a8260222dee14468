package dev.provisioningstatus.gateway.webhook;

import io.swagger.v3.oas.annotations.media.Schema;
import dev.provisioningstatus.events.WebhookDetail;
import dev.provisioningstatus.events.WebhookScope;
import dev.provisioningstatus.events.WebhookSubscription;
import dev.provisioningstatus.events.WebhookTransition;
import java.time.Instant;
import java.util.List;

/**
 * The answer to a new subscription: the subscription and, this once, its signing secret
 * ({@code whsec_…}, Standard Webhooks form). No later answer contains it.
 */
public record CreatedWebhookSubscription(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String subscriptionId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) WebhookScope scope,
        String workspaceId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) WebhookDetail detail,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String url,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<WebhookTransition> transitions,
        String description,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String createdBy,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) WebhookStatus status,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String secret) {

    static CreatedWebhookSubscription of(WebhookSubscription subscription, String secret) {
        return new CreatedWebhookSubscription(subscription.subscriptionId(), subscription.scope(),
                subscription.workspaceId(), subscription.detail(), subscription.url(), subscription.transitions(),
                subscription.description(), subscription.createdAt(), subscription.createdBy(), WebhookStatus.ACTIVE,
                secret);
    }
}
