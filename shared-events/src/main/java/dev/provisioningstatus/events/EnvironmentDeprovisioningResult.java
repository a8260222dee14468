package dev.provisioningstatus.events;

import java.time.Instant;

/**
 * The outcome of removing a deleted application's virtual cluster from one environment: status
 * {@code deprovisioned}, or {@code failed} with the same failure classification as provisioning.
 */
public record EnvironmentDeprovisioningResult(
        String eventId,
        String applicationId,
        String incarnation,
        String workflowId,
        int attempt,
        Environment environment,
        EnvironmentStatus status,
        FailureReason reason,
        String message,
        String errorDetail,
        boolean retryable,
        Instant occurredAt) implements ProvisioningEvent {

    static final String DEPROVISIONED_MESSAGE = "Deprovisioned";

    public static EnvironmentDeprovisioningResult deprovisioned(String applicationId, String incarnation,
            String workflowId, int attempt, Environment environment, Instant finishedAt) {
        return new EnvironmentDeprovisioningResult(id(applicationId, incarnation, attempt, environment),
                applicationId, incarnation, workflowId, attempt, environment, EnvironmentStatus.DEPROVISIONED, null,
                DEPROVISIONED_MESSAGE, null, false, finishedAt);
    }

    public static EnvironmentDeprovisioningResult failed(String applicationId, String incarnation, String workflowId,
            int attempt, Environment environment, FailureReason reason, String errorDetail, boolean retryable,
            Instant finishedAt) {
        return new EnvironmentDeprovisioningResult(id(applicationId, incarnation, attempt, environment),
                applicationId, incarnation, workflowId, attempt, environment, EnvironmentStatus.FAILED, reason,
                reason.moderateMessage(), ErrorDetail.cap(errorDetail), retryable, finishedAt);
    }

    private static String id(String applicationId, String incarnation, int attempt, Environment environment) {
        return EventIds.ofIncarnation("EnvironmentDeprovisioningResult", applicationId, incarnation, attempt, environment.id());
    }

    public boolean deprovisioned() {
        return status == EnvironmentStatus.DEPROVISIONED;
    }
}
