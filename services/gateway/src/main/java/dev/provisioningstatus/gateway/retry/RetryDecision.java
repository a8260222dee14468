package dev.provisioningstatus.gateway.retry;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.EnvironmentCondition;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.ProvisioningStatus;
import java.util.List;

/**
 * Whether an application may be provisioned again now. Which environments a retry provisions is the
 * worker's decision (those that have not succeeded), so the decision here names none.
 */
public sealed interface RetryDecision {

    /** A retry may be sent; {@code anyRetryable} says whether one of the failures may be transient. */
    record Allowed(boolean anyRetryable) implements RetryDecision {
    }

    /** An attempt runs; a second run of one application is never started. */
    record InProgress(int attempt) implements RetryDecision {
    }

    /** {@code completed} has nothing left to provision; {@code pending} has not run yet. */
    record NothingToRetry(ProvisioningStatus status) implements RetryDecision {
    }

    static RetryDecision about(ApplicationProvisioningView view) {
        if (view.status() == ProvisioningStatus.IN_PROGRESS) {
            return new InProgress(view.attempt());
        }
        List<EnvironmentCondition> unfinished = view.environments().stream()
                .filter(condition -> condition.status() != EnvironmentStatus.SUCCEEDED)
                .toList();
        if (!view.status().isRetryable() || unfinished.isEmpty()) {
            return new NothingToRetry(view.status());
        }
        return new Allowed(unfinished.stream().anyMatch(condition -> condition.status() == EnvironmentStatus.FAILED
                && condition.retryable()));
    }
}
