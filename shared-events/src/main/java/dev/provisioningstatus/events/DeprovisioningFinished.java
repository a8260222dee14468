package dev.provisioningstatus.events;

import java.time.Instant;

/** A deprovisioning attempt ended; {@code clean} when nothing of the application is left in any environment. */
public record DeprovisioningFinished(
        String eventId,
        String applicationId,
        String incarnation,
        String workflowId,
        int attempt,
        boolean clean,
        Instant occurredAt) implements ProvisioningEvent {

    public static DeprovisioningFinished of(String applicationId, String incarnation, String workflowId, int attempt,
            boolean clean, Instant finishedAt) {
        return new DeprovisioningFinished(EventIds.ofIncarnation("DeprovisioningFinished", applicationId, incarnation, attempt),
                applicationId, incarnation, workflowId, attempt, clean, finishedAt);
    }
}
