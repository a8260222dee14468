package dev.provisioningstatus.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** An environment in which an application gets a virtual cluster. Serialized in lower case. */
public enum Environment {
    DEV, STAGE, PROD;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Environment fromId(String id) {
        for (Environment environment : values()) {
            if (environment.id().equals(id)) {
                return environment;
            }
        }
        throw new IllegalArgumentException("unknown environment '" + id + "'");
    }
}
