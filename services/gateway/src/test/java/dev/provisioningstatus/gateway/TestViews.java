package dev.provisioningstatus.gateway;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.AttemptRecord;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentCondition;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.EventIds;
import dev.provisioningstatus.events.FailureReason;
import dev.provisioningstatus.events.ProvisioningStatus;
import java.time.Instant;
import java.util.List;

/**
 * Provisioning views for tests. Failed environments carry admin-only text (a host, an address, a
 * stack trace), so a test can check it never reaches a member.
 */
public final class TestViews {

    public static final String ADMIN_ONLY_DETAIL = "org.apache.kafka.common.errors.TimeoutException: "
            + "broker-7.internal:9092 (10.0.0.5) timed out\n\tat KafkaClient.connect(KafkaClient.java:234)";
    public static final Instant AT = Instant.parse("2025-01-10T10:00:00Z");

    private TestViews() {
    }

    public static ApplicationProvisioningView failed(String applicationId, String workspaceId, long version) {
        return view(applicationId, workspaceId, ProvisioningStatus.FAILED, 1, version,
                List.of(failedIn(Environment.DEV, 1, true), failedIn(Environment.STAGE, 1, true)));
    }

    public static ApplicationProvisioningView partial(String applicationId, String workspaceId, long version) {
        return view(applicationId, workspaceId, ProvisioningStatus.PARTIAL, 1, version,
                List.of(succeededIn(Environment.DEV, 1), failedIn(Environment.STAGE, 1, true)));
    }

    public static ApplicationProvisioningView failedForGood(String applicationId, String workspaceId, long version) {
        return view(applicationId, workspaceId, ProvisioningStatus.FAILED, 1, version,
                List.of(failedIn(Environment.DEV, 1, false)));
    }

    public static ApplicationProvisioningView inProgress(String applicationId, String workspaceId, int attempt,
            long version) {
        return view(applicationId, workspaceId, ProvisioningStatus.IN_PROGRESS, attempt, version,
                List.of(succeededIn(Environment.DEV, 1), condition(Environment.STAGE, EnvironmentStatus.IN_PROGRESS,
                        null, attempt, false)));
    }

    public static ApplicationProvisioningView completed(String applicationId, String workspaceId, long version) {
        return view(applicationId, workspaceId, ProvisioningStatus.COMPLETED, 1, version,
                List.of(succeededIn(Environment.DEV, 1), succeededIn(Environment.STAGE, 1)));
    }

    public static ApplicationProvisioningView pending(String applicationId, String workspaceId, long version) {
        return view(applicationId, workspaceId, ProvisioningStatus.PENDING, 0, version,
                List.of(EnvironmentCondition.pending(Environment.DEV, AT)));
    }

    /** Deleted: {@code deprovisioning} while it runs, {@code deprovisioning_failed} when stage could not be cleaned. */
    public static ApplicationProvisioningView deprovisioning(String applicationId, String workspaceId, boolean failed,
            long version) {
        return view(applicationId, workspaceId,
                failed ? ProvisioningStatus.DEPROVISIONING_FAILED : ProvisioningStatus.DEPROVISIONING, 1, version,
                List.of(failed ? failedIn(Environment.STAGE, 1, true)
                        : condition(Environment.STAGE, EnvironmentStatus.DEPROVISIONING, null, 1, false)));
    }

    public static ApplicationProvisioningView view(String applicationId, String workspaceId, ProvisioningStatus status,
            int attempt, long version, List<EnvironmentCondition> environments) {
        boolean failing = status == ProvisioningStatus.FAILED || status == ProvisioningStatus.PARTIAL;
        return new ApplicationProvisioningView(ApplicationProvisioningView.eventId(applicationId, version),
                applicationId, "Name of " + applicationId, workspaceId, "Workspace " + workspaceId, status,
                failing ? "TimeoutException: broker-7.internal:9092 (10.0.0.5)" : null,
                EventIds.workflowId(applicationId, incarnation(applicationId)), attempt, AT, AT.plusSeconds(version),
                version, environments, incarnation(applicationId));
    }

    /** The incarnation of the application's registration at {@code AT}. */
    public static String incarnation(String applicationId) {
        return EventIds.of("ApplicationRegistered", applicationId, AT);
    }

    private static EnvironmentCondition failedIn(Environment environment, int attempt, boolean retryable) {
        return condition(environment, EnvironmentStatus.FAILED, FailureReason.ConnectionTimeout, attempt, retryable);
    }

    private static EnvironmentCondition succeededIn(Environment environment, int attempt) {
        return condition(environment, EnvironmentStatus.SUCCEEDED, null, attempt, false);
    }

    private static EnvironmentCondition condition(Environment environment, EnvironmentStatus status,
            FailureReason reason, int attempt, boolean retryable) {
        boolean failed = status == EnvironmentStatus.FAILED;
        return new EnvironmentCondition(environment, status, reason,
                failed ? reason.moderateMessage() : status == EnvironmentStatus.SUCCEEDED ? "Provisioned successfully" : null,
                failed ? ADMIN_ONLY_DETAIL : null, retryable,
                status == EnvironmentStatus.SUCCEEDED ? environment.id() + "-vc-1" : null, attempt, AT,
                failed ? List.of(new AttemptRecord(attempt - 1, EnvironmentStatus.FAILED, reason, "earlier", AT)) : List.of());
    }
}
