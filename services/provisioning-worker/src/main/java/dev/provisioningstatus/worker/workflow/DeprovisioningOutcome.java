package dev.provisioningstatus.worker.workflow;

import dev.provisioningstatus.events.Environment;
import java.util.List;

/** The result of a deprovisioning run: which environments are clean, and whether all are. */
public record DeprovisioningOutcome(String applicationId, int attempt, List<Environment> deprovisioned, boolean clean) {

    public DeprovisioningOutcome {
        deprovisioned = List.copyOf(deprovisioned);
    }
}
