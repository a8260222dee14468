package dev.provisioningstatus.worker.workflow;

import static dev.provisioningstatus.events.Environment.DEV;
import static dev.provisioningstatus.events.Environment.STAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.FailureReason;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.worker.command.StartDecision;
import dev.provisioningstatus.worker.fixtures.Commands;
import dev.provisioningstatus.worker.fixtures.ProvisioningTestbed;
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
}
