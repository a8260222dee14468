package dev.provisioningstatus.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A webhook subscription: where to POST which transitions of which applications, and the signing secret,
 * encrypted ({@link WebhookSecretCipher}). Compacted on {@code notifications.subscriptions}, keyed by
 * {@code subscriptionId}; a tombstone deletes it. A {@link WebhookScope#WORKSPACE workspace} subscription
 * names its workspace and gets moderate detail; a {@link WebhookScope#PLATFORM platform} one hears about
 * every application with full detail.
 */
public record WebhookSubscription(
        String subscriptionId,
        WebhookScope scope,
        String workspaceId,
        WebhookDetail detail,
        String url,
        List<WebhookTransition> transitions,
        String description,
        String encryptedSecret,
        Instant createdAt,
        String createdBy) implements ContractEvent {

    public WebhookSubscription {
        Objects.requireNonNull(scope, "scope");
        if ((scope == WebhookScope.WORKSPACE) != (workspaceId != null)) {
            throw new IllegalArgumentException("a workspace subscription names its workspace, a platform one none");
        }
        if (detail != scope.detail()) {
            throw new IllegalArgumentException("a " + scope.id() + " subscription has " + scope.detail().id()
                    + " detail");
        }
        transitions = List.copyOf(transitions);
    }

    /** A subscription to the applications of {@code workspaceId}, at moderate detail. */
    public static WebhookSubscription forWorkspace(String subscriptionId, String workspaceId, String url,
            List<WebhookTransition> transitions, String description, String encryptedSecret, Instant createdAt,
            String createdBy) {
        return new WebhookSubscription(subscriptionId, WebhookScope.WORKSPACE, workspaceId,
                WebhookScope.WORKSPACE.detail(), url, transitions, description, encryptedSecret, createdAt, createdBy);
    }

    /** A subscription to every application, at full detail. */
    public static WebhookSubscription forPlatform(String subscriptionId, String url,
            List<WebhookTransition> transitions, String description, String encryptedSecret, Instant createdAt,
            String createdBy) {
        return new WebhookSubscription(subscriptionId, WebhookScope.PLATFORM, null, WebhookScope.PLATFORM.detail(),
                url, transitions, description, encryptedSecret, createdAt, createdBy);
    }

    /** Whether a change of {@code applicationWorkspaceId}'s application concerns this subscription. */
    public boolean covers(String applicationWorkspaceId) {
        return scope == WebhookScope.PLATFORM || workspaceId.equals(applicationWorkspaceId);
    }

    public boolean wants(WebhookTransition transition) {
        return transitions.contains(transition);
    }

    @JsonIgnore
    @Override
    public String eventId() {
        return EventIds.of("WebhookSubscription", subscriptionId, createdAt);
    }

    @JsonIgnore
    @Override
    public String subject() {
        return subscriptionId;
    }

    @JsonIgnore
    @Override
    public Instant occurredAt() {
        return createdAt;
    }
}
