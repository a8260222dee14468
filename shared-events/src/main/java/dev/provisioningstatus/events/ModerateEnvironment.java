package dev.provisioningstatus.events;

import java.time.Instant;

/** One environment's condition as a workspace member sees it. */
public record ModerateEnvironment(
        Environment environment,
        EnvironmentStatus status,
        FailureReason reason,
        String message,
        boolean retryable,
        String virtualClusterId,
        int attempt,
        Instant lastTransitionTime) {

    /**
     * The contract calls {@code message} moderate, but any producer may write it, and raw exception
     * text (hosts, addresses) is what a careless one writes: members get it rebuilt from the status and
     * the reason code.
     */
    public static ModerateEnvironment of(EnvironmentCondition condition) {
        return new ModerateEnvironment(condition.environment(), condition.status(), condition.reason(),
                condition.moderateMessage(), condition.retryable(), condition.virtualClusterId(), condition.attempt(),
                condition.lastTransitionTime());
    }
}
