package dev.provisioningstatus.gateway.webhook;

import dev.provisioningstatus.events.WebhookScope;
import dev.provisioningstatus.events.WebhookSubscription;

/**
 * Whose subscriptions a route manages: one workspace's ({@code /api/workspaces/{id}/webhooks}) or the
 * platform's ({@code /api/admin/webhooks}). A subscription of anyone else is not found there.
 */
public record WebhookOwner(WebhookScope scope, String workspaceId) {

    public static WebhookOwner workspace(String workspaceId) {
        return new WebhookOwner(WebhookScope.WORKSPACE, workspaceId);
    }

    public static WebhookOwner platform() {
        return new WebhookOwner(WebhookScope.PLATFORM, null);
    }

    public boolean owns(WebhookSubscription subscription) {
        return subscription.scope() == scope
                && (scope == WebhookScope.PLATFORM || subscription.workspaceId().equals(workspaceId));
    }

    /** Where the owner's subscriptions live in the API. */
    public String path() {
        return scope == WebhookScope.PLATFORM ? "/api/admin/webhooks" : "/api/workspaces/" + workspaceId + "/webhooks";
    }
}
