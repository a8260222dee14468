package dev.provisioningstatus.events;

import java.time.Instant;

/** One earlier attempt of an environment, kept in its condition's bounded history. */
public record AttemptRecord(
        @Required int attempt,
        @Required EnvironmentStatus status,
        FailureReason reason,
        String message,
        @Required Instant at) {
}
