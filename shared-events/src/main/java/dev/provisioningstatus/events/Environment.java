package dev.provisioningstatus.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** An environment in which an application gets a virtual cluster. Serialized in lower case. */
public enum Environment {
    DEV, STAGE, PROD;

    private final String id = name().toLowerCase(Locale.ROOT);

    /** Also how JSON reads it back: Jackson looks the text up among the ids. */
    @JsonValue
    public String id() {
        return id;
    }
}
