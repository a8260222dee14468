package dev.provisioningstatus.gateway.webhook;

import java.util.List;

/** An owner's subscriptions, oldest first. */
public record WebhookSubscriptionList(List<WebhookSubscriptionView> webhooks) {
}
