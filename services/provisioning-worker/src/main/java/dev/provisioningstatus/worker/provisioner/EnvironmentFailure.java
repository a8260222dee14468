package dev.provisioningstatus.worker.provisioner;

import dev.provisioningstatus.events.FailureReason;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import java.util.Arrays;

/**
 * Why an environment failed, as the workflow sees it once Temporal gave up retrying. A
 * {@link ProvisioningException} travels through Temporal as an {@link ApplicationFailure} whose
 * type is the reason's name and whose first detail is the full error text; non-retryable ones are
 * marked so, and Temporal does not retry them.
 */
public record EnvironmentFailure(FailureReason reason, boolean retryable, String detail) {

    static ApplicationFailure toApplicationFailure(ProvisioningException failure) {
        String type = failure.reason().name();
        return failure.retryable()
                ? ApplicationFailure.newFailure(failure.getMessage(), type, failure.detail())
                : ApplicationFailure.newNonRetryableFailure(failure.getMessage(), type, failure.detail());
    }

    public static EnvironmentFailure of(ActivityFailure failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof ApplicationFailure application) {
            FailureReason reason = Arrays.stream(FailureReason.values())
                    .filter(candidate -> candidate.name().equals(application.getType()))
                    .findFirst()
                    .orElse(FailureReason.Unknown);
            String detail = application.getDetails().getSize() == 0
                    ? application.getOriginalMessage()
                    : application.getDetails().get(0, String.class);
            return new EnvironmentFailure(reason, !application.isNonRetryable(), detail);
        }
        if (cause instanceof TimeoutFailure timeout) {
            // The cluster kept the activity busy past its deadline on every attempt.
            return new EnvironmentFailure(FailureReason.ConnectionTimeout, true,
                    "Provisioning did not finish in time: " + timeout.getMessage());
        }
        return new EnvironmentFailure(FailureReason.Unknown, true,
                failure.getMessage() + (cause == null ? "" : ": " + cause.getMessage()));
    }
}
