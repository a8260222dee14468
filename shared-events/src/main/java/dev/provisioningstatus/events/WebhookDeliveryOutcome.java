package dev.provisioningstatus.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How one attempt to deliver a webhook ended. */
public enum WebhookDeliveryOutcome {
    /** The receiver answered 2xx. */
    DELIVERED,
    /** The attempt failed and another one is scheduled. */
    RETRYING,
    /** The attempt failed and it was the last: the delivery went to {@code notifications.dlq}. */
    DEAD_LETTERED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static WebhookDeliveryOutcome fromId(String id) {
        for (WebhookDeliveryOutcome outcome : values()) {
            if (outcome.id().equals(id)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown webhook delivery outcome '" + id + "'");
    }
}
