package dev.provisioningstatus.gateway.query;

import dev.provisioningstatus.events.ProvisioningStatus;
import java.time.Instant;
import java.util.List;

/**
 * What a workspace member sees of an application: no event id, no workflow id, and per
 * environment no error detail and no history.
 */
public record ModerateApplication(
        String applicationId,
        String name,
        String workspaceId,
        String workspaceName,
        ProvisioningStatus status,
        String error,
        int attempt,
        Instant lastAttemptAt,
        Instant updatedAt,
        long version,
        List<ModerateEnvironment> environments) {
}
