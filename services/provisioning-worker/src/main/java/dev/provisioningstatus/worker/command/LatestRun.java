package dev.provisioningstatus.worker.command;

import dev.provisioningstatus.worker.workflow.EnvironmentOutcome;
import dev.provisioningstatus.worker.workflow.ProvisioningOutcome;
import dev.provisioningstatus.worker.workflow.ProvisioningRequest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import java.util.List;
import java.util.Optional;

/**
 * What Temporal knows of the latest run of a workflow id: its input (attempt, command) and, when it
 * completed, its outcome. A run that ended otherwise (terminated, timed out) is known by its input
 * only: what it had carried over still counts as succeeded, what it did itself is provisioned again
 * (harmless, provisioning is idempotent).
 */
record LatestRun(String runId, WorkflowExecutionStatus status, ProvisioningRequest request,
        List<EnvironmentOutcome> succeeded) {

    static Optional<LatestRun> of(WorkflowClient client, String workflowId) {
        WorkflowExecutionDescription description;
        try {
            description = client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty()).describe();
        } catch (WorkflowNotFoundException e) {
            return Optional.empty();
        }
        String runId = description.getExecution().getRunId();
        ProvisioningRequest request = input(client, workflowId, runId);
        WorkflowExecutionStatus status = description.getStatus();
        List<EnvironmentOutcome> succeeded = status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
                ? client.newUntypedWorkflowStub(workflowId, Optional.of(runId), Optional.empty())
                        .getResult(ProvisioningOutcome.class).succeeded()
                : request.alreadySucceeded();
        return Optional.of(new LatestRun(runId, status, request, succeeded));
    }

    boolean isRunning() {
        return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    }

    int attempt() {
        return request.attempt();
    }

    /** The run's input is the first event of its history, whatever became of the run. */
    private static ProvisioningRequest input(WorkflowClient client, String workflowId, String runId) {
        HistoryEvent started = client.streamHistory(workflowId, runId).findFirst()
                .orElseThrow(() -> new IllegalStateException("run " + runId + " of " + workflowId + " has no history"));
        return client.getOptions().getDataConverter().fromPayloads(0,
                Optional.of(started.getWorkflowExecutionStartedEventAttributes().getInput()),
                ProvisioningRequest.class, ProvisioningRequest.class);
    }
}
