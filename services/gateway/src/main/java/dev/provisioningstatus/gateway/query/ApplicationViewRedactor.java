package dev.provisioningstatus.gateway.query;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.EnvironmentCondition;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.FailureReason;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The one place that decides what of a view each caller sees. Full is the contract's view as it
 * is; moderate drops {@code eventId}, {@code workflowId} and, per environment, {@code errorDetail}
 * and {@code history}, and rebuilds the texts ({@code error}, each {@code message}) from codes.
 */
public final class ApplicationViewRedactor {

    static final String SUCCEEDED_MESSAGE = "Provisioned successfully";
    static final String IN_PROGRESS_MESSAGE = "Provisioning";
    static final String PENDING_MESSAGE = "Waiting to be provisioned";
    static final String DEPROVISIONING_MESSAGE = "Deprovisioning";
    static final String DEPROVISIONED_MESSAGE = "Deprovisioned";

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
                moderateMessage(condition), condition.retryable(), condition.virtualClusterId(), condition.attempt(),
                condition.lastTransitionTime());
    }

    /**
     * The contract calls {@code message} moderate, but any producer may write it, and raw exception
     * text (hosts, addresses) is what a careless one writes. Members get it rebuilt from the status
     * and the reason code, so nothing a producer wrote as text reaches them.
     */
    private static String moderateMessage(EnvironmentCondition condition) {
        return switch (condition.status()) {
            case FAILED -> Objects.requireNonNullElse(condition.reason(), FailureReason.Unknown).moderateMessage();
            case SUCCEEDED -> SUCCEEDED_MESSAGE;
            case IN_PROGRESS -> IN_PROGRESS_MESSAGE;
            case PENDING -> PENDING_MESSAGE;
            case DEPROVISIONING -> DEPROVISIONING_MESSAGE;
            case DEPROVISIONED -> DEPROVISIONED_MESSAGE;
        };
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
                .filter(condition -> condition.status() == EnvironmentStatus.FAILED)
                .map(condition -> condition.environment().id() + ": " + moderateMessage(condition))
                .collect(Collectors.joining("; "));
        return failures.isEmpty() ? "Provisioning failed" : failures;
    }
}
