package dev.provisioningstatus.worker.workflow;

import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.FailureReason;

/**
 * Where one environment stands after a run.
 *
 * @param attempt the attempt that produced this status (earlier than the run's own for carried-over successes)
 * @param reason why it failed; null when it succeeded
 */
public record EnvironmentOutcome(
        Environment environment,
        EnvironmentStatus status,
        String virtualClusterId,
        FailureReason reason,
        int attempt) {

    public static EnvironmentOutcome succeeded(Environment environment, String virtualClusterId, int attempt) {
        return new EnvironmentOutcome(environment, EnvironmentStatus.SUCCEEDED, virtualClusterId, null, attempt);
    }

    public static EnvironmentOutcome failed(Environment environment, FailureReason reason, int attempt) {
        return new EnvironmentOutcome(environment, EnvironmentStatus.FAILED, null, reason, attempt);
    }

    public boolean hasSucceeded() {
        return status == EnvironmentStatus.SUCCEEDED;
    }
}
