package dev.provisioningstatus.worker.workflow;

import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentProvisioningResult;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.ProvisioningFinished;
import dev.provisioningstatus.events.ProvisioningStarted;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.worker.provisioner.EnvironmentFailure;
import dev.provisioningstatus.worker.provisioner.VirtualCluster;
import dev.provisioningstatus.worker.provisioner.VirtualClusterActivities;
import dev.provisioningstatus.worker.provisioner.VirtualClusterRequest;
import dev.provisioningstatus.worker.publishing.EventPublishingActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.spring.boot.WorkflowImpl;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Publishes {@code ProvisioningStarted}, provisions every requested environment in parallel,
 * publishes each environment's result as soon as it is known, then {@code ProvisioningFinished}
 * with the application's overall status. A failed environment is a result, not a workflow failure.
 * All I/O happens in activities; times come from {@link Workflow#currentTimeMillis()}.
 */
@WorkflowImpl(taskQueues = "${provisioning.worker.task-queue:provisioning}")
public class ProvisioningWorkflowImpl implements ProvisioningWorkflow {

    /** A few quick tries absorb a cluster blip; a longer outage is for the user's retry button. */
    static final RetryOptions PROVISIONING_RETRY = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2)
            .setMaximumInterval(Duration.ofSeconds(10))
            .setMaximumAttempts(3)
            .build();

    /** Events must not be lost: publishing is retried until Kafka takes them. */
    static final RetryOptions PUBLISHING_RETRY = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2)
            .setMaximumInterval(Duration.ofMinutes(1))
            .build();

    private static final Logger log = Workflow.getLogger(ProvisioningWorkflowImpl.class);

    private final VirtualClusterActivities clusters = Workflow.newActivityStub(VirtualClusterActivities.class,
            ActivityOptions.newBuilder()
                    // Above the provisioner's own bounded timeouts, so it is they that report a dead cluster.
                    .setStartToCloseTimeout(Duration.ofMinutes(1))
                    .setRetryOptions(PROVISIONING_RETRY)
                    .build());

    private final EventPublishingActivities events = Workflow.newActivityStub(EventPublishingActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(PUBLISHING_RETRY)
                    .build());

    @Override
    public ProvisioningOutcome provision(ProvisioningRequest request) {
        if (request.environments().isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("nothing to provision for " + request.applicationId(),
                    "NothingToProvision");
        }
        String workflowId = Workflow.getInfo().getWorkflowId();
        events.publishStarted(ProvisioningStarted.of(request.applicationId(), request.incarnation(), workflowId, request.attempt(),
                request.environments(), request.trigger(), request.commandId(), now()));

        List<Promise<EnvironmentOutcome>> running = new ArrayList<>();
        for (Environment environment : request.environments()) {
            running.add(Async.function(() -> provisionAndReport(request, workflowId, environment)));
        }
        Promise.allOf(running).get();

        List<EnvironmentOutcome> outcomes = new ArrayList<>(request.alreadySucceeded());
        running.forEach(outcome -> outcomes.add(outcome.get()));
        ProvisioningStatus status = overallStatus(outcomes);
        events.publishFinished(ProvisioningFinished.of(request.applicationId(), request.incarnation(), workflowId, request.attempt(),
                status, now()));
        log.info("Provisioning attempt {} of {} finished: {}", request.attempt(), request.applicationId(), status);
        return new ProvisioningOutcome(request.applicationId(), request.attempt(), status, outcomes);
    }

    private EnvironmentOutcome provisionAndReport(ProvisioningRequest request, String workflowId,
            Environment environment) {
        VirtualClusterRequest target = new VirtualClusterRequest(environment, request.workspaceId(),
                request.applicationId(), request.applicationName());
        VirtualCluster cluster;
        try {
            cluster = clusters.provisionVirtualCluster(target);
        } catch (ActivityFailure failure) {
            EnvironmentFailure why = EnvironmentFailure.of(failure);
            events.publishResult(EnvironmentProvisioningResult.failed(request.applicationId(),
                    request.incarnation(), workflowId, request.attempt(), environment, why.reason(), why.detail(), why.retryable(), now()));
            return EnvironmentOutcome.failed(environment, why.reason(), request.attempt());
        }
        events.publishResult(EnvironmentProvisioningResult.succeeded(request.applicationId(),
                request.incarnation(), workflowId, request.attempt(), environment, cluster.id(), now()));
        return EnvironmentOutcome.succeeded(environment, cluster.id(), request.attempt());
    }

    /** Over every enabled environment, earlier successes included, by the rule the status view shows. */
    private static ProvisioningStatus overallStatus(List<EnvironmentOutcome> outcomes) {
        return ProvisioningStatus.ofOutcomes(outcomes.stream()
                        .map(outcome -> outcome.hasSucceeded() ? EnvironmentStatus.SUCCEEDED : EnvironmentStatus.FAILED)
                        .toList())
                .orElseThrow();
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }
}
