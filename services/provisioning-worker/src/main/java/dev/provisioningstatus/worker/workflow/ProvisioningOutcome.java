package dev.provisioningstatus.worker.workflow;

import dev.provisioningstatus.events.ProvisioningStatus;
import java.util.List;

/**
 * The result of a run, read by the next run of the same application to know its attempt number
 * and which environments it can skip.
 *
 * @param environments every enabled environment, those that succeeded in earlier attempts included
 */
public record ProvisioningOutcome(
        String applicationId,
        int attempt,
        ProvisioningStatus status,
        List<EnvironmentOutcome> environments) {

    public ProvisioningOutcome {
        environments = List.copyOf(environments);
    }

    public List<EnvironmentOutcome> succeeded() {
        return environments.stream().filter(EnvironmentOutcome::hasSucceeded).toList();
    }
}
