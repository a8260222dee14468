package dev.provisioningstatus.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A change of an application's status that webhook subscribers can ask to be told about. */
public enum WebhookTransition {
    /** The application became {@code failed}. */
    FAILED,
    /** The application became {@code partial}. */
    PARTIAL,
    /** The application became {@code completed} after it was {@code failed} or {@code partial}. */
    RECOVERED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static WebhookTransition fromId(String id) {
        for (WebhookTransition transition : values()) {
            if (transition.id().equals(id)) {
                return transition;
            }
        }
        throw new IllegalArgumentException("unknown webhook transition '" + id + "'");
    }
}
