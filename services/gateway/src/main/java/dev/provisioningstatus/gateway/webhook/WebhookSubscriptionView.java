package dev.provisioningstatus.gateway.webhook;

import dev.provisioningstatus.events.WebhookDetail;
import dev.provisioningstatus.events.WebhookScope;
import dev.provisioningstatus.events.WebhookSubscription;
import dev.provisioningstatus.events.WebhookTransition;
import java.time.Instant;
import java.util.List;

/** A subscription as the API shows it: never its secret. */
public record WebhookSubscriptionView(
        String subscriptionId,
        WebhookScope scope,
        String workspaceId,
        WebhookDetail detail,
        String url,
        List<WebhookTransition> transitions,
        String description,
        Instant createdAt,
        String createdBy,
        WebhookStatus status) {

    static WebhookSubscriptionView of(WebhookSubscription subscription, WebhookStatus status) {
        return new WebhookSubscriptionView(subscription.subscriptionId(), subscription.scope(),
                subscription.workspaceId(), subscription.detail(), subscription.url(), subscription.transitions(),
                subscription.description(), subscription.createdAt(), subscription.createdBy(), status);
    }
}
