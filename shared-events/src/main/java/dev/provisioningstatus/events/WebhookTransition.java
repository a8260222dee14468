package dev.provisioningstatus.events;

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

    private final String id = name().toLowerCase(Locale.ROOT);

    /** Also how JSON reads it back: Jackson looks the text up among the ids. */
    @JsonValue
    public String id() {
        return id;
    }
}
