package dev.provisioningstatus.gateway.webhook;

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
        String subscriptionId,
        WebhookScope scope,
        String workspaceId,
        WebhookDetail detail,
        String url,
        List<WebhookTransition> transitions,
        String description,
        Instant createdAt,
        String createdBy,
        WebhookStatus status,
        String secret) {

    static CreatedWebhookSubscription of(WebhookSubscription subscription, String secret) {
        return new CreatedWebhookSubscription(subscription.subscriptionId(), subscription.scope(),
                subscription.workspaceId(), subscription.detail(), subscription.url(), subscription.transitions(),
                subscription.description(), subscription.createdAt(), subscription.createdBy(), WebhookStatus.ACTIVE,
                secret);
    }
}
