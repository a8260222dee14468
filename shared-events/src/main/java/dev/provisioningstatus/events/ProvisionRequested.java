package dev.provisioningstatus.events;

import java.time.Instant;
import java.util.List;

/**
 * A command on {@code provisioning.commands}: provision {@code applicationId}. It carries what the
 * worker needs so the worker never reads the {@code applications} topic. {@code environments} are
 * always all of the application's enabled environments, also on a retry: the worker knows which
 * succeeded already and provisions only the others. The command id is the event id: publishing the
 * same command twice is recognisable.
 */
public record ProvisionRequested(
        String eventId,
        String applicationId,
        String applicationName,
        String workspaceId,
        List<Environment> environments,
        Trigger trigger,
        String requestedBy,
        Instant occurredAt) implements ContractEvent {

    public ProvisionRequested {
        environments = List.copyOf(environments);
    }

    public String commandId() {
        return eventId;
    }
}
