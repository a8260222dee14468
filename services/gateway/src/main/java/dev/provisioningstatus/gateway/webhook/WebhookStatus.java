package dev.provisioningstatus.gateway.webhook;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a subscription's deliveries are going. */
public enum WebhookStatus {
    /** No delivery yet, or the latest was delivered or is being retried. */
    ACTIVE,
    /** The latest delivery failed its last attempt and went to the dead-letter topic. */
    FAILING;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
