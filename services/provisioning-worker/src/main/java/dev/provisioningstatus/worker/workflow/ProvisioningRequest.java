package dev.provisioningstatus.worker.workflow;

import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.Trigger;
import java.util.List;

/**
 * The input of one run.
 *
 * @param attempt 1 for the application's first run, the previous run's attempt + 1 afterwards
 * @param environments the environments this run provisions: the enabled ones that have not succeeded yet
 * @param alreadySucceeded enabled environments that succeeded in earlier attempts, kept with their virtual clusters
 * @param commandId the {@code ProvisionRequested} that asked for this run
 * @param incarnation the registration this run provisions for; {@code null} in runs started before incarnations
 */
public record ProvisioningRequest(
        String applicationId,
        String applicationName,
        String workspaceId,
        int attempt,
        List<Environment> environments,
        List<EnvironmentOutcome> alreadySucceeded,
        Trigger trigger,
        String commandId,
        String requestedBy,
        String incarnation) {

    public ProvisioningRequest {
        environments = List.copyOf(environments);
        alreadySucceeded = alreadySucceeded == null ? List.of() : List.copyOf(alreadySucceeded);
    }
}
