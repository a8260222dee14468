package dev.provisioningstatus.events;

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

    private final String id = name().toLowerCase(Locale.ROOT);

    /** Also how JSON reads it back: Jackson looks the text up among the ids. */
    @JsonValue
    public String id() {
        return id;
    }
}
