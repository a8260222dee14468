package dev.provisioningstatus.events;

import java.time.Instant;

/**
 * Anything published on a public topic. Its id, type and time become the CloudEvents
 * {@code ce_id}, {@code ce_type} and {@code ce_time} headers.
 */
public interface ContractEvent {

    /** Deterministic: the same fact always has the same id, so re-deliveries are recognisable. */
    String eventId();

    /** Partition key: every record of one application lands in one partition, in order. */
    String applicationId();

    Instant occurredAt();

    /** CloudEvents type, reverse-DNS style, e.g. {@code dev.provisioningstatus.ProvisioningStarted}. */
    default String eventType() {
        return EventIds.TYPE_PREFIX + getClass().getSimpleName();
    }
}
