package dev.provisioningstatus.events;

import java.time.Instant;

/** One earlier attempt of an environment, kept in its condition's bounded history. */
public record AttemptRecord(
        int attempt,
        EnvironmentStatus status,
        FailureReason reason,
        String message,
        Instant at) {
}
