package dev.provisioningstatus.notifier;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentCondition;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.EventIds;
import dev.provisioningstatus.events.FailureReason;
import dev.provisioningstatus.events.ProvisioningStatus;
import java.time.Instant;
import java.util.List;

/** Views of one application as the status view writes them, one version after another. */
public final class TestViews {

    public static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    public static final String WORKSPACE = "acme";

    private TestViews() {
    }

    public static String incarnation(String applicationId, int registration) {
        return EventIds.of("ApplicationRegistered", applicationId, registration);
    }

    /** Version {@code version} of the first incarnation of {@code applicationId}, showing {@code status}. */
    public static ApplicationProvisioningView view(String applicationId, ProvisioningStatus status, long version) {
        return view(applicationId, status, version, incarnation(applicationId, 1));
    }

    public static ApplicationProvisioningView view(String applicationId, ProvisioningStatus status, long version,
            String incarnation) {
        EnvironmentStatus stage = switch (status) {
            case FAILED, PARTIAL -> EnvironmentStatus.FAILED;
            case COMPLETED -> EnvironmentStatus.SUCCEEDED;
            case PENDING -> EnvironmentStatus.PENDING;
            default -> EnvironmentStatus.IN_PROGRESS;
        };
        EnvironmentStatus dev = status == ProvisioningStatus.FAILED ? EnvironmentStatus.FAILED
                : status == ProvisioningStatus.PARTIAL || status == ProvisioningStatus.COMPLETED
                        ? EnvironmentStatus.SUCCEEDED : stage;
        boolean failed = stage == EnvironmentStatus.FAILED;
        Instant at = T0.plusSeconds(version);
        return new ApplicationProvisioningView(ApplicationProvisioningView.eventId(applicationId, version),
                applicationId, "App " + applicationId, WORKSPACE, "Acme Corp", status,
                failed ? "stage: Connection refused to broker-3.stage.internal:9092" : null,
                EventIds.workflowId(applicationId, incarnation), 1, at, at, version,
                List.of(condition(Environment.DEV, dev, at), condition(Environment.STAGE, stage, at)), incarnation);
    }

    private static EnvironmentCondition condition(Environment environment, EnvironmentStatus status, Instant at) {
        boolean failed = status == EnvironmentStatus.FAILED;
        return new EnvironmentCondition(environment, status, failed ? FailureReason.ConnectionRefused : null,
                failed ? "Connection refused" : status.moderateMessage(),
                failed ? "java.net.ConnectException: Connection refused to broker-3.stage.internal:9092" : null,
                failed, null, 1, at, List.of());
    }

    /** {@code view} of an application of {@code workspaceId}. */
    public static ApplicationProvisioningView inWorkspace(ApplicationProvisioningView view, String workspaceId) {
        return new ApplicationProvisioningView(view.eventId(), view.applicationId(), view.name(), workspaceId,
                view.workspaceName(), view.status(), view.error(), view.workflowId(), view.attempt(),
                view.lastAttemptAt(), view.updatedAt(), view.version(), view.environments(), view.incarnation());
    }
}
