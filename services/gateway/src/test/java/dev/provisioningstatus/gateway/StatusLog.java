package dev.provisioningstatus.gateway;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import dev.provisioningstatus.gateway.view.StatusRecord;
import dev.provisioningstatus.gateway.view.ViewChange;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Feeds an index as the reader of {@code provisioning.status} would, without a broker: one
 * partition, records at the next offsets, written now.
 */
public final class StatusLog {

    public static final String TOPIC_ID = "c3RhdHVzLWxvZy10b3BpYw";
    public static final Duration DELETION_RETENTION = Duration.ofDays(1);

    private final ProvisioningViewIndex index;
    private final Clock clock;
    private long nextOffset;

    public StatusLog(ProvisioningViewIndex index) {
        this(index, Clock.systemUTC());
    }

    public StatusLog(ProvisioningViewIndex index, Clock clock) {
        this.index = index;
        this.clock = clock;
        index.follow(TOPIC_ID, 1, DELETION_RETENTION);
    }

    /** Appends the record of {@code applicationId}: {@code view == null} is a tombstone. */
    public Optional<ViewChange> apply(String applicationId, ApplicationProvisioningView view) {
        return index.apply(record(nextOffset++, clock.millis(), applicationId, view));
    }

    /** A record of the one partition, its value written as the status view writes it. */
    public static StatusRecord record(long offset, long timestamp, String applicationId,
            ApplicationProvisioningView view) {
        byte[] value = view == null ? null
                : Topics.PROVISIONING_STATUS.valueSerde().serializer().serialize(Topics.PROVISIONING_STATUS.name(), view);
        return new StatusRecord(0, offset, timestamp, applicationId, view, value);
    }

    public long nextOffset() {
        return nextOffset;
    }
}
