package dev.provisioningstatus.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/**
 * An application exists and wants virtual clusters in {@code environments}. Compacted on {@code applications}.
 * A registration of an id that does not exist (never did, or was deleted) starts a new incarnation of it,
 * named by this event's id; a later registration of the live application changes it and keeps the incarnation.
 */
public record ApplicationRegistered(
        String eventId,
        String applicationId,
        String name,
        String workspaceId,
        String workspaceName,
        List<Environment> environments,
        Instant occurredAt) implements ApplicationEvent {

    public ApplicationRegistered {
        environments = List.copyOf(environments);
    }

    public static ApplicationRegistered of(String applicationId, String name, String workspaceId,
            String workspaceName, List<Environment> environments, Instant registeredAt) {
        return new ApplicationRegistered(
                EventIds.of("ApplicationRegistered", applicationId, registeredAt),
                applicationId, name, workspaceId, workspaceName, environments, registeredAt);
    }

    /** The incarnation this registration starts when the application does not exist: its event id. */
    @JsonIgnore
    public String incarnation() {
        return eventId;
    }
}
