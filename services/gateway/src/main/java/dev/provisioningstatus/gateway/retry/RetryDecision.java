package dev.provisioningstatus.gateway.retry;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentCondition;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.ProvisioningStatus;
import java.util.List;

/** Whether an application may be provisioned again now, and if so which environments. */
public sealed interface RetryDecision {

    /** Retry the environments that have not succeeded; {@code anyRetryable} says whether a failure was transient. */
    record Allowed(List<Environment> environments, boolean anyRetryable) implements RetryDecision {
        public Allowed {
            environments = List.copyOf(environments);
        }
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
        return new Allowed(unfinished.stream().map(EnvironmentCondition::environment).toList(),
                unfinished.stream().anyMatch(condition -> condition.status() == EnvironmentStatus.FAILED
                        && condition.retryable()));
    }
}
