package dev.provisioningstatus.gateway.query;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.EnvironmentCondition;
import java.util.Objects;

/**
 * The one place that decides what of a view each caller sees. Full is the contract's view as it
 * is; moderate drops {@code eventId}, {@code workflowId} and, per environment, {@code errorDetail}
 * and {@code history}, and rebuilds the texts ({@code error}, each {@code message}) from codes.
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

    /**
     * The contract calls {@code message} moderate, but any producer may write it, and raw exception
     * text (hosts, addresses) is what a careless one writes: members get it rebuilt from the status and
     * the reason code.
     */
    private static ModerateEnvironment moderate(EnvironmentCondition condition) {
        return new ModerateEnvironment(condition.environment(), condition.status(), condition.reason(),
                condition.moderateMessage(), condition.retryable(), condition.virtualClusterId(), condition.attempt(),
                condition.lastTransitionTime());
    }

    /**
     * The top-level error may carry raw exception text (hosts, addresses). Members get the summary the
     * status view writes, rebuilt here from the environments' codes, e.g. {@code "stage: Connection timeout"}.
     */
    private static String moderateError(ApplicationProvisioningView view) {
        if (view.error() == null) {
            return null;
        }
        return Objects.requireNonNullElse(EnvironmentCondition.errorSummary(view.environments()), "Provisioning failed");
    }
}
