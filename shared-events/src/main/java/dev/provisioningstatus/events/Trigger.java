package dev.provisioningstatus.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a provisioning run was requested. */
public enum Trigger {
    CREATED("created"), RETRY("retry"), BULK_RETRY("bulk-retry");

    private final String id;

    Trigger(String id) {
        this.id = id;
    }

    /** Also how JSON reads it back: Jackson looks the text up among the ids. */
    @JsonValue
    public String id() {
        return id;
    }
}
