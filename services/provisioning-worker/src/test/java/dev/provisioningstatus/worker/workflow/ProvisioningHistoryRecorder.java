package dev.provisioningstatus.worker.workflow;

import static dev.provisioningstatus.events.Environment.DEV;
import static dev.provisioningstatus.events.Environment.STAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.EventIds;
import dev.provisioningstatus.events.FailureReason;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.worker.command.StartDecision;
import dev.provisioningstatus.worker.fixtures.Commands;
import dev.provisioningstatus.worker.fixtures.ProvisioningTestbed;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link ProvisioningWorkflowReplayTest} replays. Run it only to add a history
 * (for a new code path or a new {@code Workflow.getVersion} branch), never to make a failing replay
 * pass: {@code mvn -B test -Dtest=ProvisioningHistoryRecorder -Dprovisioning.record-histories=true}.
 */
@EnabledIfSystemProperty(named = "provisioning.record-histories", matches = "true")
class ProvisioningHistoryRecorder {

    @Test
    void recordAPartialFirstAttemptAndTheRetryThatCompletesIt() throws Exception {
        try (ProvisioningTestbed testbed = new ProvisioningTestbed()) {
            String app = "recorded-app";
            testbed.provisioner.failAlways(STAGE, FailureReason.ConnectionRefused, true);
            StartDecision.Started first = (StartDecision.Started) testbed.send(Commands.created(app, DEV, STAGE));
            assertThat(testbed.outcomeOf(app).status()).isEqualTo(ProvisioningStatus.PARTIAL);
            testbed.provisioner.succeed(STAGE);
            StartDecision.Started retry = (StartDecision.Started) testbed.send(Commands.retry(app, DEV, STAGE));
            assertThat(testbed.outcomeOf(app).status()).isEqualTo(ProvisioningStatus.COMPLETED);

            ProvisioningHistories.PARTIAL_FIRST_ATTEMPT.write(testbed.history(first));
            ProvisioningHistories.RETRY_OF_THE_FAILED_ENVIRONMENT.write(testbed.history(retry));
        }
    }

    @Test
    void recordADeprovisioningWithStageDownAndTheRetryThatCleansIt() throws Exception {
        try (ProvisioningTestbed testbed = new ProvisioningTestbed()) {
            ApplicationRegistered registration = ApplicationRegistered.of("recorded-deleted-app", "Recorded",
                    Commands.WORKSPACE, "Acme", List.of(DEV, STAGE), Instant.parse("2026-11-27T09:00:00Z"));
            String workflowId = EventIds.deprovisioningWorkflowId(registration.applicationId(),
                    registration.incarnation());
            testbed.registered(registration);
            testbed.provisioner.failAlways(STAGE, FailureReason.ConnectionRefused, true);
            testbed.deleted(registration.applicationId());
            assertThat(testbed.deprovisioningOutcomeOf(registration.applicationId(), registration.incarnation())
                    .clean()).isFalse();
            ProvisioningHistories.DEPROVISIONING_WITH_STAGE_DOWN.write(testbed.latestHistory(workflowId));
            testbed.provisioner.succeed(STAGE);
            testbed.deleted(registration.applicationId());
            assertThat(testbed.deprovisioningOutcomeOf(registration.applicationId(), registration.incarnation())
                    .clean()).isTrue();
            ProvisioningHistories.DEPROVISIONING_RETRY.write(testbed.latestHistory(workflowId));
        }
    }
}
