package dev.provisioningstatus.worker.workflow;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One deprovisioning attempt of a deleted incarnation. Its workflow id is derived from the application
 * id and the incarnation, so Temporal refuses a second run of it while one is in progress.
 */
@WorkflowInterface
public interface DeprovisioningWorkflow {

    /** Removes the virtual cluster of every {@code request.environments()} and says which are clean. */
    @WorkflowMethod(name = "Deprovisioning")
    DeprovisioningOutcome deprovision(DeprovisioningRequest request);
}
