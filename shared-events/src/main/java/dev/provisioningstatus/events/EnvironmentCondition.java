package dev.provisioningstatus.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The state of one environment of an application, in the Kubernetes condition style. */
public record EnvironmentCondition(
        @Required Environment environment,
        @Required EnvironmentStatus status,
        FailureReason reason,
        String message,
        String errorDetail,
        @Required boolean retryable,
        String virtualClusterId,
        @Required int attempt,
        @Required Instant lastTransitionTime,
        @Required List<AttemptRecord> history) {

    public EnvironmentCondition {
        history = history == null ? List.of() : List.copyOf(history);
    }

    public static EnvironmentCondition pending(Environment environment, Instant at) {
        return new EnvironmentCondition(environment, EnvironmentStatus.PENDING, null,
                EnvironmentStatus.PENDING.moderateMessage(),
                null, false, null, 0, at, List.of());
    }

    /**
     * The message for workspace members, rebuilt from the status and the reason code: whatever text a
     * producer wrote (hosts, addresses, exception text) never reaches them.
     */
    public String moderateMessage() {
        return status == EnvironmentStatus.FAILED
                ? Objects.requireNonNullElse(reason, FailureReason.Unknown).moderateMessage()
                : status.moderateMessage();
    }

    /**
     * What went wrong, for anyone: each failed environment as {@code <environment>: <moderate message>},
     * joined with {@code "; "} ({@code "stage: Connection refused; prod: Connection timeout"}); {@code null}
     * when none failed. Never the error detail or a producer's text.
     */
    public static String errorSummary(List<EnvironmentCondition> environments) {
        String summary = environments.stream()
                .filter(condition -> condition.status() == EnvironmentStatus.FAILED)
                .map(condition -> condition.environment().id() + ": " + condition.moderateMessage())
                .collect(Collectors.joining("; "));
        return summary.isEmpty() ? null : summary;
    }
}
