package dev.provisioningstatus.worker.deletion;

import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.EventIds;
import dev.provisioningstatus.worker.WorkerProperties;
import dev.provisioningstatus.worker.workflow.DeprovisioningRequest;
import dev.provisioningstatus.worker.workflow.DeprovisioningWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Starts a deprovisioning run of a deleted incarnation. A provisioning run of that incarnation still
 * going is terminated first: it would grant what is being removed. The attempt is the latest
 * deprovisioning run's + 1; while one runs, Temporal refuses a second and the deletion is already
 * being handled.
 */
@Component
public class DeprovisioningRunStarter {

    static final String SUPERSEDED = "the application was deleted; its deprovisioning takes over";

    private final WorkflowClient client;
    private final String taskQueue;

    public DeprovisioningRunStarter(WorkflowClient client, WorkerProperties properties) {
        this.client = client;
        this.taskQueue = properties.taskQueue();
    }

    /** What became of one deletion. */
    public sealed interface Decision {

        /** A run was started, as attempt {@code attempt}. */
        record Started(String workflowId, String runId, int attempt) implements Decision {
        }

        /** A run of this incarnation's deprovisioning is in progress already. */
        record AlreadyRunning(String workflowId) implements Decision {
        }
    }

    /**
     * @param registration the registration of the deleted application
     * @param incarnation  the deleted incarnation (the registration that started it)
     */
    public Decision start(ApplicationRegistered registration, String incarnation) {
        String applicationId = registration.applicationId();
        stopProvisioning(EventIds.workflowId(applicationId, incarnation));
        String workflowId = EventIds.deprovisioningWorkflowId(applicationId, incarnation);
        int attempt = latestAttempt(workflowId) + 1;
        DeprovisioningRequest request = new DeprovisioningRequest(applicationId, registration.name(),
                registration.workspaceId(), incarnation, attempt, registration.environments());
        DeprovisioningWorkflow workflow = client.newWorkflowStub(DeprovisioningWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(workflowId)
                        .setTaskQueue(taskQueue)
                        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                        .build());
        try {
            return new Decision.Started(workflowId, WorkflowClient.start(workflow::deprovision, request).getRunId(),
                    attempt);
        } catch (WorkflowExecutionAlreadyStarted e) {
            return new Decision.AlreadyRunning(workflowId);
        }
    }

    private void stopProvisioning(String provisioningWorkflowId) {
        describe(provisioningWorkflowId)
                .filter(run -> run.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
                .ifPresent(run -> client.newUntypedWorkflowStub(provisioningWorkflowId,
                        Optional.of(run.getExecution().getRunId()), Optional.empty()).terminate(SUPERSEDED));
    }

    /** The attempt of the latest deprovisioning run, from its input (the first history event); 0 before any. */
    private int latestAttempt(String workflowId) {
        return describe(workflowId).map(run -> {
            HistoryEvent started = client.streamHistory(workflowId, run.getExecution().getRunId()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("run of " + workflowId + " has no history"));
            return client.getOptions().getDataConverter().fromPayloads(0,
                    Optional.of(started.getWorkflowExecutionStartedEventAttributes().getInput()),
                    DeprovisioningRequest.class, DeprovisioningRequest.class).attempt();
        }).orElse(0);
    }

    private Optional<WorkflowExecutionDescription> describe(String workflowId) {
        WorkflowStub stub = client.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty());
        try {
            return Optional.of(stub.describe());
        } catch (WorkflowNotFoundException e) {
            return Optional.empty();
        }
    }
}
