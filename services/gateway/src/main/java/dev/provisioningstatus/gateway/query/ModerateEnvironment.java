package dev.provisioningstatus.gateway.query;

import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.FailureReason;
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
}
