package dev.provisioningstatus.events;

import java.time.Instant;
import java.util.List;

/**
 * The current provisioning state of one application, compacted on {@code provisioning.status}.
 * {@code version} rises by one with every published change, so consumers can drop stale copies; it
 * keeps rising across a deletion and a new registration of the same id. {@code incarnation} names the
 * registration the view shows ({@code null} on views written before incarnations existed).
 */
public record ApplicationProvisioningView(
        @Required String eventId,
        @Required String applicationId,
        @Required String name,
        @Required String workspaceId,
        String workspaceName,
        @Required ProvisioningStatus status,
        String error,
        String workflowId,
        @Required int attempt,
        Instant lastAttemptAt,
        @Required Instant updatedAt,
        @Required long version,
        @Required List<EnvironmentCondition> environments,
        String incarnation) implements ApplicationEvent {

    public ApplicationProvisioningView {
        environments = List.copyOf(environments);
    }

    public static String eventId(String applicationId, long version) {
        return EventIds.of("ApplicationProvisioningView", applicationId, version);
    }

    @Override
    public Instant occurredAt() {
        return updatedAt;
    }

    /** Workspace members see failed and partial applications, and those being retried after a failure. */
    public static boolean isWorkspaceIssue(ProvisioningStatus status, int attempt) {
        return status == ProvisioningStatus.FAILED || status == ProvisioningStatus.PARTIAL
                || (status == ProvisioningStatus.IN_PROGRESS && attempt > 1);
    }
}
