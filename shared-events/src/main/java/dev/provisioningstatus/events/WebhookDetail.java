package dev.provisioningstatus.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How much of the view a webhook delivery carries, the same split as the API's: {@code moderate} is what
 * workspace members see, {@code full} what admins see.
 */
public enum WebhookDetail {
    MODERATE, FULL;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static WebhookDetail fromId(String id) {
        for (WebhookDetail detail : values()) {
            if (detail.id().equals(id)) {
                return detail;
            }
        }
        throw new IllegalArgumentException("unknown webhook detail '" + id + "'");
    }
}
