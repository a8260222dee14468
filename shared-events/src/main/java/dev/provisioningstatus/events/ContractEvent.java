package dev.provisioningstatus.events;

import java.time.Instant;

/**
 * Anything published on a public topic as JSON. Its id, type and time become the CloudEvents
 * {@code ce_id}, {@code ce_type} and {@code ce_time} headers.
 */
public interface ContractEvent {

    /** Deterministic: the same fact always has the same id, so re-deliveries are recognisable. */
    String eventId();

    /**
     * What the event is about, the CloudEvents {@code ce_subject} and the record key: the application id
     * ({@link ApplicationEvent}), or the webhook subscription id on the notification topics.
     */
    String subject();

    Instant occurredAt();

    /** CloudEvents type, reverse-DNS style, e.g. {@code dev.provisioningstatus.ProvisioningStarted}. */
    default String eventType() {
        return EventIds.TYPE_PREFIX + getClass().getSimpleName();
    }
}
