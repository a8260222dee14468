package dev.provisioningstatus.gateway.webhook;

import io.swagger.v3.oas.annotations.media.Schema;
import dev.provisioningstatus.events.WebhookDetail;
import dev.provisioningstatus.events.WebhookScope;
import dev.provisioningstatus.events.WebhookSubscription;
import dev.provisioningstatus.events.WebhookTransition;
import java.time.Instant;
import java.util.List;

/** A subscription as the API shows it: never its secret. */
public record WebhookSubscriptionView(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String subscriptionId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) WebhookScope scope,
        String workspaceId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) WebhookDetail detail,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String url,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<WebhookTransition> transitions,
        String description,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String createdBy,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) WebhookStatus status) {

    static WebhookSubscriptionView of(WebhookSubscription subscription, WebhookStatus status) {
        return new WebhookSubscriptionView(subscription.subscriptionId(), subscription.scope(),
                subscription.workspaceId(), subscription.detail(), subscription.url(), subscription.transitions(),
                subscription.description(), subscription.createdAt(), subscription.createdBy(), status);
    }
}
