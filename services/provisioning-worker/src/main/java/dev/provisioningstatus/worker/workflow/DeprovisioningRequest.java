package dev.provisioningstatus.worker.workflow;

import dev.provisioningstatus.events.Environment;
import java.util.List;

/**
 * The input of one deprovisioning run of a deleted incarnation.
 *
 * @param attempt 1 for the incarnation's first deprovisioning run, the previous run's attempt + 1 afterwards
 * @param environments every environment the application was registered with: each is cleaned, cleaned ones again
 */
public record DeprovisioningRequest(
        String applicationId,
        String applicationName,
        String workspaceId,
        String incarnation,
        int attempt,
        List<Environment> environments) {

    public DeprovisioningRequest {
        environments = List.copyOf(environments);
    }
}
