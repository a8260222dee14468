package dev.provisioningstatus.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.gateway.TestWebhooks;
import org.junit.jupiter.api.Test;

class WebhookOwnerTest {

    private static final String HOOK = "c0c0c0c0-0000-4000-8000-000000000002";

    @Test
    void aWorkspaceOwnsOnlyItsOwnSubscriptions() {
        assertThat(WebhookOwner.workspace("acme").owns(TestWebhooks.workspaceSubscription(HOOK, "acme"))).isTrue();
        assertThat(WebhookOwner.workspace("acme").owns(TestWebhooks.workspaceSubscription(HOOK, "globex"))).isFalse();
        assertThat(WebhookOwner.workspace("acme").owns(TestWebhooks.platformSubscription(HOOK))).isFalse();
    }

    @Test
    void thePlatformOwnsOnlyPlatformSubscriptions() {
        assertThat(WebhookOwner.platform().owns(TestWebhooks.platformSubscription(HOOK))).isTrue();
        assertThat(WebhookOwner.platform().owns(TestWebhooks.workspaceSubscription(HOOK, "acme"))).isFalse();
    }

    @Test
    void eachOwnersSubscriptionsLiveUnderItsOwnPath() {
        assertThat(WebhookOwner.workspace("acme").path()).isEqualTo("/api/workspaces/acme/webhooks");
        assertThat(WebhookOwner.platform().path()).isEqualTo("/api/admin/webhooks");
    }
}
