package dev.provisioningstatus.events;

import java.time.Instant;
import java.util.List;

/** A provisioning attempt began; {@code environments} are the ones this attempt provisions. */
public record ProvisioningStarted(
        String eventId,
        String applicationId,
        String workflowId,
        int attempt,
        List<Environment> environments,
        Trigger trigger,
        String commandId,
        Instant occurredAt,
        String incarnation) implements ProvisioningEvent {

    public ProvisioningStarted {
        environments = List.copyOf(environments);
    }

    public static ProvisioningStarted of(String applicationId, String incarnation, String workflowId, int attempt,
            List<Environment> environments, Trigger trigger, String commandId, Instant startedAt) {
        return new ProvisioningStarted(EventIds.ofIncarnation("ProvisioningStarted", applicationId, incarnation, attempt),
                applicationId, workflowId, attempt, environments, trigger, commandId, startedAt, incarnation);
    }
}
