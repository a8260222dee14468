package dev.provisioningstatus.gateway.query;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.EnvironmentCondition;
import dev.provisioningstatus.events.EnvironmentStatus;
import java.util.stream.Collectors;

/**
 * The one place that decides what of a view each caller sees. Full is the contract's view as it
 * is; moderate drops {@code eventId}, {@code workflowId} and, per environment, {@code errorDetail}
 * and {@code history}.
 */
public final class ApplicationViewRedactor {

    /** The application as {@code detail} allows: a {@link ModerateApplication} or the view itself. */
    public Object render(ApplicationProvisioningView view, Detail detail) {
        return detail == Detail.FULL ? view : moderate(view);
    }

    public ModerateApplication moderate(ApplicationProvisioningView view) {
        return new ModerateApplication(view.applicationId(), view.name(), view.workspaceId(), view.workspaceName(),
                view.status(), moderateError(view), view.attempt(), view.lastAttemptAt(), view.updatedAt(),
                view.version(), view.environments().stream().map(ApplicationViewRedactor::moderate).toList());
    }

    private static ModerateEnvironment moderate(EnvironmentCondition condition) {
        return new ModerateEnvironment(condition.environment(), condition.status(), condition.reason(),
                condition.message(), condition.retryable(), condition.virtualClusterId(), condition.attempt(),
                condition.lastTransitionTime());
    }

    /**
     * The top-level error may carry raw exception text (hosts, addresses). Members get it rebuilt
     * from the failed environments' reason codes, e.g. {@code "stage: Connection timeout"}.
     */
    private static String moderateError(ApplicationProvisioningView view) {
        if (view.error() == null) {
            return null;
        }
        String failures = view.environments().stream()
                .filter(condition -> condition.status() == EnvironmentStatus.FAILED && condition.reason() != null)
                .map(condition -> condition.environment().id() + ": " + condition.reason().moderateMessage())
                .collect(Collectors.joining("; "));
        return failures.isEmpty() ? "Provisioning failed" : failures;
    }
}
