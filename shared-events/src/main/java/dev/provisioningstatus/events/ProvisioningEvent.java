package dev.provisioningstatus.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What the worker publishes on {@code provisioning.events} about one provisioning attempt, or about
 * a request it refused ({@link ProvisioningRequestRejected}: no attempt was made), or about removing a
 * deleted application from its environments ({@link DeprovisioningStarted},
 * {@link EnvironmentDeprovisioningResult}, {@link DeprovisioningFinished}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(ProvisioningStarted.class),
        @JsonSubTypes.Type(EnvironmentProvisioningResult.class),
        @JsonSubTypes.Type(ProvisioningFinished.class),
        @JsonSubTypes.Type(ProvisioningRequestRejected.class),
        @JsonSubTypes.Type(DeprovisioningStarted.class),
        @JsonSubTypes.Type(EnvironmentDeprovisioningResult.class),
        @JsonSubTypes.Type(DeprovisioningFinished.class)
})
public sealed interface ProvisioningEvent extends ApplicationEvent
        permits ProvisioningStarted, EnvironmentProvisioningResult, ProvisioningFinished,
        ProvisioningRequestRejected, DeprovisioningStarted, EnvironmentDeprovisioningResult,
        DeprovisioningFinished {

    String workflowId();

    /**
     * The registration this event belongs to (its {@code eventId} on {@code applications}): every
     * registration of an application id starts a new incarnation, and an event of an older one is
     * stale. {@code null} on events written before incarnations existed.
     */
    String incarnation();

    /** 1 for the first run of an application, +1 per retry. An older attempt never overwrites a newer one. */
    int attempt();
}
