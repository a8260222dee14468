package dev.provisioningstatus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class WebhookSubscriptionTest {

    @Test
    void aWorkspaceSubscriptionHasModerateDetailAndAPlatformOneFull() {
        assertThat(SampleEvents.WORKSPACE_WEBHOOK.detail()).isEqualTo(WebhookDetail.MODERATE);
        assertThat(SampleEvents.PLATFORM_WEBHOOK.detail()).isEqualTo(WebhookDetail.FULL);
    }

    @Test
    void aWorkspaceSubscriptionCoversOnlyItsWorkspacesApplications() {
        assertThat(SampleEvents.WORKSPACE_WEBHOOK.covers("acme")).isTrue();
        assertThat(SampleEvents.WORKSPACE_WEBHOOK.covers("globex")).isFalse();
    }

    @Test
    void aPlatformSubscriptionCoversEveryApplication() {
        assertThat(SampleEvents.PLATFORM_WEBHOOK.covers("acme")).isTrue();
        assertThat(SampleEvents.PLATFORM_WEBHOOK.covers("globex")).isTrue();
    }

    @Test
    void aSubscriptionWantsOnlyTheTransitionsItNames() {
        assertThat(SampleEvents.WORKSPACE_WEBHOOK.wants(WebhookTransition.FAILED)).isTrue();
        assertThat(SampleEvents.WORKSPACE_WEBHOOK.wants(WebhookTransition.PARTIAL)).isFalse();
    }

    @Test
    void aWorkspaceSubscriptionWithoutItsWorkspaceIsRefused() {
        assertThatThrownBy(() -> new WebhookSubscription("5f0c8e2a-9d4b-4a61-8c3e-2b7d1f6a9e40",
                WebhookScope.WORKSPACE, null, WebhookDetail.MODERATE, "https://hooks.example/", List.of(
                        WebhookTransition.FAILED), null, "c2VjcmV0", SampleEvents.T0, "alice"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPlatformSubscriptionAtModerateDetailIsRefused() {
        assertThatThrownBy(() -> new WebhookSubscription("5f0c8e2a-9d4b-4a61-8c3e-2b7d1f6a9e40",
                WebhookScope.PLATFORM, null, WebhookDetail.MODERATE, "https://hooks.example/", List.of(
                        WebhookTransition.FAILED), null, "c2VjcmV0", SampleEvents.T0, "admin"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRecordIsKeyedAndSubjectedBySubscriptionId() {
        assertThat(SampleEvents.WORKSPACE_WEBHOOK.subject()).isEqualTo("5f0c8e2a-9d4b-4a61-8c3e-2b7d1f6a9e40");
        assertThat(SampleEvents.WORKSPACE_WEBHOOK.occurredAt()).isEqualTo(SampleEvents.WORKSPACE_WEBHOOK.createdAt());
    }

    @Test
    void aPlatformSubscriptionWithAWorkspaceViolatesTheSchema() {
        ObjectNode json = EventJson.MAPPER.valueToTree(SampleEvents.PLATFORM_WEBHOOK);
        json.put("workspaceId", "acme");

        assertThat(EventSchemas.violations("WebhookSubscription", json)).isNotEmpty();
    }
}
