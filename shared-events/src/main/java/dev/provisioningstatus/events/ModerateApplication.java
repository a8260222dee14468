package dev.provisioningstatus.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a workspace member sees of an application: no event id, no workflow id, and per environment no
 * error detail and no history; the texts ({@code error}, each {@code message}) are rebuilt from codes.
 * The gateway answers members with it and the notifier sends it to workspace webhooks.
 */
public record ModerateApplication(
        String applicationId,
        String name,
        String workspaceId,
        String workspaceName,
        ProvisioningStatus status,
        String error,
        int attempt,
        Instant lastAttemptAt,
        Instant updatedAt,
        long version,
        List<ModerateEnvironment> environments) {

    public ModerateApplication {
        environments = List.copyOf(environments);
    }

    public static ModerateApplication of(ApplicationProvisioningView view) {
        return new ModerateApplication(view.applicationId(), view.name(), view.workspaceId(), view.workspaceName(),
                view.status(), moderateError(view), view.attempt(), view.lastAttemptAt(), view.updatedAt(),
                view.version(), view.environments().stream().map(ModerateEnvironment::of).toList());
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
