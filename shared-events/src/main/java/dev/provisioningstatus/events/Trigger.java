package dev.provisioningstatus.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Why a provisioning run was requested. */
public enum Trigger {
    CREATED("created"), RETRY("retry"), BULK_RETRY("bulk-retry");

    private final String id;

    Trigger(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static Trigger fromId(String id) {
        for (Trigger trigger : values()) {
            if (trigger.id.equals(id)) {
                return trigger;
            }
        }
        throw new IllegalArgumentException("unknown trigger '" + id + "'");
    }
}
