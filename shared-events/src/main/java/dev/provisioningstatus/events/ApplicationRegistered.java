package dev.provisioningstatus.events;

import java.time.Instant;
import java.util.List;

/** An application exists and wants virtual clusters in {@code environments}. Compacted on {@code applications}. */
public record ApplicationRegistered(
        String eventId,
        String applicationId,
        String name,
        String workspaceId,
        String workspaceName,
        List<Environment> environments,
        Instant occurredAt) implements ContractEvent {

    public ApplicationRegistered {
        environments = List.copyOf(environments);
    }

    public static ApplicationRegistered of(String applicationId, String name, String workspaceId,
            String workspaceName, List<Environment> environments, Instant registeredAt) {
        return new ApplicationRegistered(
                EventIds.of("ApplicationRegistered", applicationId, registeredAt),
                applicationId, name, workspaceId, workspaceName, environments, registeredAt);
    }
}
