package dev.provisioningstatus.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whose applications a webhook subscription hears about. Serialized in lower case. */
public enum WebhookScope {
    /** The applications of one workspace, subscribed by its members; moderate detail. */
    WORKSPACE(WebhookDetail.MODERATE),
    /** Every application, subscribed by an admin; full detail. */
    PLATFORM(WebhookDetail.FULL);

    private final String id = name().toLowerCase(Locale.ROOT);
    private final WebhookDetail detail;

    WebhookScope(WebhookDetail detail) {
        this.detail = detail;
    }

    /** The detail a subscription of this scope gets: what its subscribers may see in the API. */
    public WebhookDetail detail() {
        return detail;
    }

    /** Also how JSON reads it back: Jackson looks the text up among the ids. */
    @JsonValue
    public String id() {
        return id;
    }
}
