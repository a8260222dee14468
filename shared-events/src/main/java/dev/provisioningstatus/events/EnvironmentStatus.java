package dev.provisioningstatus.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Status of one environment's virtual cluster, with the words workspace members read for it. */
public enum EnvironmentStatus {
    PENDING("Waiting to be provisioned"),
    IN_PROGRESS("Provisioning"),
    SUCCEEDED("Provisioned successfully"),
    // A failure is told by its reason (FailureReason#moderateMessage); this stands for one without a reason.
    FAILED(FailureReason.Unknown.moderateMessage()),
    /** The application was deleted; its virtual cluster here is being removed. */
    DEPROVISIONING("Deprovisioning"),
    /** The application was deleted and nothing of it is left here. */
    DEPROVISIONED("Deprovisioned");

    private final String id = name().toLowerCase(Locale.ROOT);
    private final String moderateMessage;

    EnvironmentStatus(String moderateMessage) {
        this.moderateMessage = moderateMessage;
    }

    /** Text safe for workspace members. */
    public String moderateMessage() {
        return moderateMessage;
    }

    /** Whether the environment's provisioning attempt has ended: succeeded or failed. */
    public boolean isOutcome() {
        return this == SUCCEEDED || this == FAILED;
    }

    /** Also how JSON reads it back: Jackson looks the text up among the ids. */
    @JsonValue
    public String id() {
        return id;
    }
}
