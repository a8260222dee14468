package dev.provisioningstatus.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How much of the view a webhook delivery carries, the same split as the API's: {@code moderate} is what
 * workspace members see, {@code full} what admins see.
 */
public enum WebhookDetail {
    MODERATE, FULL;

    private final String id = name().toLowerCase(Locale.ROOT);

    /** Also how JSON reads it back: Jackson looks the text up among the ids. */
    @JsonValue
    public String id() {
        return id;
    }
}
