package dev.provisioningstatus.events;

import java.time.Instant;

/**
 * The outcome of one environment in one attempt. On failure, {@code reason}, {@code message}
 * (moderate, for members) and {@code errorDetail} (full text and stack trace, for admins) say why.
 */
public record EnvironmentProvisioningResult(
        String eventId,
        String applicationId,
        String workflowId,
        int attempt,
        Environment environment,
        EnvironmentStatus status,
        FailureReason reason,
        String message,
        String errorDetail,
        boolean retryable,
        String virtualClusterId,
        Instant occurredAt,
        String incarnation) implements ProvisioningEvent {

    public static EnvironmentProvisioningResult succeeded(String applicationId, String incarnation,
            String workflowId, int attempt, Environment environment, String virtualClusterId, Instant finishedAt) {
        return new EnvironmentProvisioningResult(id(applicationId, incarnation, attempt, environment), applicationId,
                workflowId, attempt, environment, EnvironmentStatus.SUCCEEDED, null,
                EnvironmentStatus.SUCCEEDED.moderateMessage(), null,
                false, virtualClusterId, finishedAt, incarnation);
    }

    public static EnvironmentProvisioningResult failed(String applicationId, String incarnation, String workflowId,
            int attempt, Environment environment, FailureReason reason, String errorDetail, boolean retryable,
            Instant finishedAt) {
        return new EnvironmentProvisioningResult(id(applicationId, incarnation, attempt, environment), applicationId,
                workflowId, attempt, environment, EnvironmentStatus.FAILED, reason, reason.moderateMessage(),
                ErrorDetail.cap(errorDetail), retryable, null, finishedAt, incarnation);
    }

    private static String id(String applicationId, String incarnation, int attempt, Environment environment) {
        return EventIds.ofIncarnation("EnvironmentProvisioningResult", applicationId, incarnation, attempt, environment.id());
    }

    public boolean succeeded() {
        return status == EnvironmentStatus.SUCCEEDED;
    }
}
