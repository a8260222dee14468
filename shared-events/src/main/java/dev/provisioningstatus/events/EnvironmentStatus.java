package dev.provisioningstatus.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Status of one environment's virtual cluster. */
public enum EnvironmentStatus {
    PENDING, IN_PROGRESS, SUCCEEDED, FAILED,
    /** The application was deleted; its virtual cluster here is being removed. */
    DEPROVISIONING,
    /** The application was deleted and nothing of it is left here. */
    DEPROVISIONED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static EnvironmentStatus fromId(String id) {
        for (EnvironmentStatus status : values()) {
            if (status.id().equals(id)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown environment status '" + id + "'");
    }
}
