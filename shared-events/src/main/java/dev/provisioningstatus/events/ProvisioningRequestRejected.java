package dev.provisioningstatus.events;

import java.time.Instant;

/**
 * A provisioning command was refused: Temporal would not start a run because attempt
 * {@code runningAttempt} of the application is still in progress. Nothing was provisioned and the
 * application's status did not change; the event makes the refusal visible to whoever asked
 * ({@code requestedBy}, {@code commandId}). Its id derives from the command, so a redelivered
 * command that is refused again yields the same event.
 *
 * @param reason why: {@value #RUN_IN_PROGRESS}
 * @param runningAttempt the attempt in progress that caused the refusal
 */
public record ProvisioningRequestRejected(
        String eventId,
        String applicationId,
        String workflowId,
        String commandId,
        Trigger trigger,
        String requestedBy,
        String reason,
        int runningAttempt,
        Instant occurredAt,
        String incarnation) implements ProvisioningEvent {

    /** The only reason so far: one application never has two runs at once. */
    public static final String RUN_IN_PROGRESS = "run-in-progress";

    public static ProvisioningRequestRejected runInProgress(ProvisionRequested command, String workflowId,
            int runningAttempt, Instant rejectedAt) {
        return new ProvisioningRequestRejected(
                EventIds.of("ProvisioningRequestRejected", command.applicationId(), command.commandId()),
                command.applicationId(), workflowId, command.commandId(), command.trigger(), command.requestedBy(),
                RUN_IN_PROGRESS, runningAttempt, rejectedAt, command.incarnation());
    }

    /** The attempt the refusal is about: the running one. No attempt of its own was made. */
    @Override
    public int attempt() {
        return runningAttempt;
    }
}
