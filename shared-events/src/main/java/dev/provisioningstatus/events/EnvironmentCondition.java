package dev.provisioningstatus.events;

import java.time.Instant;
import java.util.List;

/** The state of one environment of an application, in the Kubernetes condition style. */
public record EnvironmentCondition(
        Environment environment,
        EnvironmentStatus status,
        FailureReason reason,
        String message,
        String errorDetail,
        boolean retryable,
        String virtualClusterId,
        int attempt,
        Instant lastTransitionTime,
        List<AttemptRecord> history) {

    public EnvironmentCondition {
        history = history == null ? List.of() : List.copyOf(history);
    }

    public static EnvironmentCondition pending(Environment environment, Instant at) {
        return new EnvironmentCondition(environment, EnvironmentStatus.PENDING, null, "Waiting to be provisioned",
                null, false, null, 0, at, List.of());
    }
}
