package dev.provisioningstatus.worker.workflow;

import dev.provisioningstatus.events.DeprovisioningFinished;
import dev.provisioningstatus.events.DeprovisioningStarted;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentDeprovisioningResult;
import dev.provisioningstatus.worker.provisioner.EnvironmentFailure;
import dev.provisioningstatus.worker.provisioner.VirtualClusterActivities;
import dev.provisioningstatus.worker.provisioner.VirtualClusterRequest;
import dev.provisioningstatus.worker.publishing.EventPublishingActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.spring.boot.WorkflowImpl;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Publishes {@code DeprovisioningStarted}, removes every environment's virtual cluster in parallel,
 * publishes each environment's result as soon as it is known, then {@code DeprovisioningFinished}.
 * Failures are classified and retried exactly as in provisioning; a failed environment is a result,
 * not a workflow failure, and deleting the application again retries.
 */
@WorkflowImpl(taskQueues = "${provisioning.worker.task-queue:provisioning}")
public class DeprovisioningWorkflowImpl implements DeprovisioningWorkflow {

    private static final Logger log = Workflow.getLogger(DeprovisioningWorkflowImpl.class);

    private final VirtualClusterActivities clusters = Workflow.newActivityStub(VirtualClusterActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(1))
                    .setRetryOptions(ProvisioningWorkflowImpl.PROVISIONING_RETRY)
                    .build());

    private final EventPublishingActivities events = Workflow.newActivityStub(EventPublishingActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(ProvisioningWorkflowImpl.PUBLISHING_RETRY)
                    .build());

    @Override
    public DeprovisioningOutcome deprovision(DeprovisioningRequest request) {
        String workflowId = Workflow.getInfo().getWorkflowId();
        events.publishDeprovisioningStarted(DeprovisioningStarted.of(request.applicationId(), request.incarnation(),
                workflowId, request.attempt(), request.environments(), now()));

        List<Promise<Optional<Environment>>> running = new ArrayList<>();
        for (Environment environment : request.environments()) {
            running.add(Async.function(() -> deprovisionAndReport(request, workflowId, environment)));
        }
        Promise.allOf(running).get();

        List<Environment> deprovisioned = new ArrayList<>();
        running.forEach(outcome -> outcome.get().ifPresent(deprovisioned::add));
        boolean clean = deprovisioned.size() == request.environments().size();
        events.publishDeprovisioningFinished(DeprovisioningFinished.of(request.applicationId(), request.incarnation(),
                workflowId, request.attempt(), clean, now()));
        log.info("Deprovisioning attempt {} of {} finished: {}", request.attempt(), request.applicationId(),
                clean ? "clean" : "not clean");
        return new DeprovisioningOutcome(request.applicationId(), request.attempt(), deprovisioned, clean);
    }

    /** The environment when it is clean, empty when removing it failed. */
    private Optional<Environment> deprovisionAndReport(DeprovisioningRequest request, String workflowId,
            Environment environment) {
        try {
            clusters.deprovisionVirtualCluster(new VirtualClusterRequest(environment, request.workspaceId(),
                    request.applicationId(), request.applicationName()));
        } catch (ActivityFailure failure) {
            EnvironmentFailure why = EnvironmentFailure.of(failure);
            events.publishDeprovisioningResult(EnvironmentDeprovisioningResult.failed(request.applicationId(),
                    request.incarnation(), workflowId, request.attempt(), environment, why.reason(), why.detail(),
                    why.retryable(), now()));
            return Optional.empty();
        }
        events.publishDeprovisioningResult(EnvironmentDeprovisioningResult.deprovisioned(request.applicationId(),
                request.incarnation(), workflowId, request.attempt(), environment, now()));
        return Optional.of(environment);
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }
}
