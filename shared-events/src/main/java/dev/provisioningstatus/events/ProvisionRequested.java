package dev.provisioningstatus.events;

import java.time.Instant;
import java.util.List;

/**
 * A command on {@code provisioning.commands}: provision {@code applicationId}. It carries what the
 * worker needs so the worker never reads the {@code applications} topic. {@code environments} are
 * always all of the application's enabled environments, also on a retry: the worker knows which
 * succeeded already and provisions only the others. The command id is the event id: publishing the
 * same command twice is recognisable.
 *
 * <p>{@code lastKnownAttempt} is the attempt the sender saw last (a retry names the view's attempt;
 * absent for a new application). The worker numbers the new attempt above it even when Temporal no
 * longer keeps the earlier runs, so the status view never takes the new attempt for a stale one.
 *
 * <p>{@code incarnation} is the registration the command is for (see {@link ApplicationRegistered#incarnation()}):
 * the worker never counts runs of another incarnation as attempts or successes of this one.
 */
public record ProvisionRequested(
        String eventId,
        String applicationId,
        String applicationName,
        String workspaceId,
        List<Environment> environments,
        Trigger trigger,
        String requestedBy,
        Instant occurredAt,
        Integer lastKnownAttempt,
        String incarnation) implements ApplicationEvent {

    public ProvisionRequested {
        environments = List.copyOf(environments);
    }

    /** A command that knows no earlier attempt, as for a newly registered application. */
    public ProvisionRequested(String eventId, String applicationId, String applicationName, String workspaceId,
            List<Environment> environments, Trigger trigger, String requestedBy, Instant occurredAt) {
        this(eventId, applicationId, applicationName, workspaceId, environments, trigger, requestedBy, occurredAt,
                null, null);
    }

    /** A command of a sender that knows no incarnation: the worker judges it by the application's latest run. */
    public ProvisionRequested(String eventId, String applicationId, String applicationName, String workspaceId,
            List<Environment> environments, Trigger trigger, String requestedBy, Instant occurredAt,
            Integer lastKnownAttempt) {
        this(eventId, applicationId, applicationName, workspaceId, environments, trigger, requestedBy, occurredAt,
                lastKnownAttempt, null);
    }

    public String commandId() {
        return eventId;
    }

    /** The attempt the sender saw last, 0 when it knew none. */
    public int lastKnownAttemptOrZero() {
        return lastKnownAttempt == null ? 0 : lastKnownAttempt;
    }
}
