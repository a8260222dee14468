package dev.provisioningstatus.events;

import java.time.Instant;
import java.util.List;

/**
 * A deprovisioning attempt of a deleted incarnation began: the ACLs, quotas and registry entry of the
 * application are being removed from {@code environments}. Attempts count from 1 per incarnation,
 * separately from its provisioning attempts.
 */
public record DeprovisioningStarted(
        String eventId,
        String applicationId,
        String incarnation,
        String workflowId,
        int attempt,
        List<Environment> environments,
        Instant occurredAt) implements ProvisioningEvent {

    public DeprovisioningStarted {
        environments = List.copyOf(environments);
    }

    public static DeprovisioningStarted of(String applicationId, String incarnation, String workflowId, int attempt,
            List<Environment> environments, Instant startedAt) {
        return new DeprovisioningStarted(EventIds.ofIncarnation("DeprovisioningStarted", applicationId, incarnation, attempt),
                applicationId, incarnation, workflowId, attempt, environments, startedAt);
    }
}
