package dev.provisioningstatus.worker.command;

import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EventIds;
import dev.provisioningstatus.events.ProvisionRequested;
import dev.provisioningstatus.worker.WorkerProperties;
import dev.provisioningstatus.worker.workflow.EnvironmentOutcome;
import dev.provisioningstatus.worker.workflow.ProvisioningRequest;
import dev.provisioningstatus.worker.workflow.ProvisioningWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Turns a command into a provisioning run. The attempt number and the environments to provision
 * come from Temporal's own record of the application's latest run: the new run is attempt + 1 (and
 * above the command's last known attempt, should Temporal have forgotten older runs) and provisions
 * only the requested environments that have not succeeded.
 * Temporal alone decides whether a run may start: with a running run of the same workflow id it
 * refuses ({@link WorkflowIdConflictPolicy#WORKFLOW_ID_CONFLICT_POLICY_FAIL}); after a closed run
 * it allows a new one ({@link WorkflowIdReusePolicy#WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE}).
 */
@Component
public class ProvisioningRunStarter {

    private final WorkflowClient client;
    private final String taskQueue;

    public ProvisioningRunStarter(WorkflowClient client, WorkerProperties properties) {
        this.client = client;
        this.taskQueue = properties.taskQueue();
    }

    public StartDecision start(ProvisionRequested command) {
        String workflowId = EventIds.workflowId(command.applicationId(), command.incarnation());
        Optional<LatestRun> latest = LatestRun.of(client, workflowId);
        if (latest.isPresent() && command.commandId().equals(latest.get().request().commandId())) {
            return new StartDecision.AlreadyHandled(workflowId, latest.get().runId());
        }
        // Above both Temporal's latest run and what the sender saw: after Temporal's retention drops
        // old runs, the sender's view still remembers the attempts the status view has folded.
        int attempt = Math.max(latest.map(LatestRun::attempt).orElse(0), command.lastKnownAttemptOrZero()) + 1;
        List<EnvironmentOutcome> alreadySucceeded = latest.map(LatestRun::succeeded).orElse(List.of()).stream()
                .filter(outcome -> command.environments().contains(outcome.environment()))
                .toList();
        List<Environment> toProvision = command.environments().stream()
                .filter(environment -> alreadySucceeded.stream().noneMatch(done -> done.environment() == environment))
                .toList();
        if (toProvision.isEmpty() && latest.map(run -> !run.isRunning()).orElse(false)) {
            return new StartDecision.NothingToProvision(workflowId, attempt - 1);
        }

        ProvisioningRequest request = new ProvisioningRequest(command.applicationId(), command.applicationName(),
                command.workspaceId(), attempt, toProvision, alreadySucceeded, command.trigger(),
                command.commandId(), command.requestedBy(), command.incarnation());
        ProvisioningWorkflow workflow = client.newWorkflowStub(ProvisioningWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(taskQueue)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                // Temporal answers a repeated start of the same command with the run it already started.
                .setRequestId(command.commandId())
                .build());
        try {
            WorkflowExecution execution = WorkflowClient.start(workflow::provision, request);
            return new StartDecision.Started(workflowId, execution.getRunId(), attempt, toProvision);
        } catch (WorkflowExecutionAlreadyStarted e) {
            String runningRunId = e.getExecution().getRunId();
            return new StartDecision.RejectedRunInProgress(workflowId, runningRunId,
                    runningAttempt(workflowId, runningRunId, latest));
        }
    }

    /**
     * The attempt of the run that made Temporal refuse. Usually the latest run read before the start;
     * if another command started a run in between, that newer run is the one to name.
     */
    private int runningAttempt(String workflowId, String runningRunId, Optional<LatestRun> readBefore) {
        return readBefore.filter(run -> run.runId().equals(runningRunId))
                .or(() -> LatestRun.of(client, workflowId))
                .map(LatestRun::attempt)
                .orElseThrow(() -> new IllegalStateException("Temporal refused a start of " + workflowId
                        + " for run " + runningRunId + ", which it no longer knows"));
    }
}
