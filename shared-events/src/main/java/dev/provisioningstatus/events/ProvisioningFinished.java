package dev.provisioningstatus.events;

import java.time.Instant;

/** The attempt ended; {@code status} is the application's overall status after it. */
public record ProvisioningFinished(
        String eventId,
        String applicationId,
        String workflowId,
        int attempt,
        ProvisioningStatus status,
        Instant occurredAt,
        String incarnation) implements ProvisioningEvent {

    public static ProvisioningFinished of(String applicationId, String incarnation, String workflowId, int attempt,
            ProvisioningStatus status, Instant finishedAt) {
        return new ProvisioningFinished(EventIds.ofIncarnation("ProvisioningFinished", applicationId, incarnation, attempt),
                applicationId, workflowId, attempt, status, finishedAt, incarnation);
    }
}
