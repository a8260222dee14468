package dev.provisioningstatus.worker.workflow;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One provisioning attempt of one application. Its workflow id is derived from the application id,
 * so Temporal refuses a second run while one is in progress.
 */
@WorkflowInterface
public interface ProvisioningWorkflow {

    /** Provisions {@code request.environments()} and returns the state of every enabled environment after it. */
    @WorkflowMethod(name = "Provisioning")
    ProvisioningOutcome provision(ProvisioningRequest request);
}
