package dev.provisioningstatus.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Overall provisioning status of an application, as docs/architecture.md, "The view", defines it. */
public enum ProvisioningStatus {
    PENDING, IN_PROGRESS, COMPLETED, PARTIAL, FAILED,
    /** The application was deleted and its environments are being cleaned; the view goes once all are. */
    DEPROVISIONING,
    /** The application was deleted, and removing it from some environment failed: deleting again retries. */
    DEPROVISIONING_FAILED;

    private final String id = name().toLowerCase(Locale.ROOT);

    /** Also how JSON reads it back: Jackson looks the text up among the ids. */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * How an attempt ended, over the statuses of the application's enabled environments: all succeeded →
     * {@link #COMPLETED}, all failed → {@link #FAILED}, some of each → {@link #PARTIAL}; empty while an
     * environment has no outcome yet. The worker reports its run's status by this rule and the status
     * view shows it.
     */
    public static Optional<ProvisioningStatus> ofOutcomes(Collection<EnvironmentStatus> environments) {
        if (!environments.stream().allMatch(EnvironmentStatus::isOutcome)) {
            return Optional.empty();
        }
        long succeeded = environments.stream().filter(status -> status == EnvironmentStatus.SUCCEEDED).count();
        if (succeeded == environments.size()) {
            return Optional.of(COMPLETED);
        }
        return Optional.of(succeeded == 0 ? FAILED : PARTIAL);
    }

    /** Whether the application needs attention: anything but {@link #COMPLETED}. */
    public boolean hasIssues() {
        return this != COMPLETED;
    }

    /** Whether the application was deleted and is being, or failed to be, removed from its environments. */
    public boolean isDeprovisioning() {
        return this == DEPROVISIONING || this == DEPROVISIONING_FAILED;
    }

    /** Whether a retry may be requested: only after a run ended with failures. */
    public boolean isRetryable() {
        return this == FAILED || this == PARTIAL;
    }
}
