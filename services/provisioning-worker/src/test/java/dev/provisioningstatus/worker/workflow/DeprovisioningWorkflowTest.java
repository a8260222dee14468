package dev.provisioningstatus.worker.workflow;

import static dev.provisioningstatus.events.Environment.DEV;
import static dev.provisioningstatus.events.Environment.PROD;
import static dev.provisioningstatus.events.Environment.STAGE;
import static dev.provisioningstatus.worker.fixtures.Commands.newApplicationId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.DeprovisioningFinished;
import dev.provisioningstatus.events.DeprovisioningStarted;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentDeprovisioningResult;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.EventIds;
import dev.provisioningstatus.events.FailureReason;
import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.worker.command.ProvisionCommandListener;
import dev.provisioningstatus.worker.command.StartDecision;
import dev.provisioningstatus.worker.deletion.ApplicationDeletionListener;
import dev.provisioningstatus.worker.fixtures.Commands;
import dev.provisioningstatus.worker.fixtures.ProvisioningTestbed;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeprovisioningWorkflowTest {

    private final ProvisioningTestbed testbed = new ProvisioningTestbed();

    @AfterEach
    void stopTemporal() {
        testbed.close();
    }

    @Test
    void aTombstoneDeprovisionsEveryRegisteredEnvironmentOfTheDeletedIncarnation() {
        ApplicationRegistered registration = registration(newApplicationId("deleted"), DEV, STAGE, PROD);
        testbed.registered(registration);

        testbed.deleted(registration.applicationId());
        DeprovisioningOutcome outcome = testbed.deprovisioningOutcomeOf(registration.applicationId(),
                registration.incarnation());

        assertThat(outcome.clean()).isTrue();
        assertThat(outcome.deprovisioned()).containsExactlyInAnyOrder(DEV, STAGE, PROD);
        assertThat(testbed.provisioner.deprovisionCalls(STAGE)).isEqualTo(1);
        List<ProvisioningEvent> events = testbed.publisher.events(registration.applicationId());
        assertThat(events.get(0)).isInstanceOfSatisfying(DeprovisioningStarted.class, started -> {
            assertThat(started.attempt()).isEqualTo(1);
            assertThat(started.incarnation()).isEqualTo(registration.incarnation());
            assertThat(started.workflowId()).isEqualTo(EventIds.deprovisioningWorkflowId(
                    registration.applicationId(), registration.incarnation()));
        });
        assertThat(testbed.publisher.events(registration.applicationId(), EnvironmentDeprovisioningResult.class))
                .extracting(EnvironmentDeprovisioningResult::status).containsOnly(EnvironmentStatus.DEPROVISIONED);
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(DeprovisioningFinished.class,
                finished -> assertThat(finished.clean()).isTrue());
    }

    @Test
    void aFailureIsClassifiedAsInProvisioningAndDeletingAgainRetriesAsTheNextAttempt() {
        ApplicationRegistered registration = registration(newApplicationId("stage-down"), DEV, STAGE);
        testbed.registered(registration);
        testbed.provisioner.failAlways(STAGE, FailureReason.ConnectionRefused, true);
        testbed.deleted(registration.applicationId());
        DeprovisioningOutcome first = testbed.deprovisioningOutcomeOf(registration.applicationId(),
                registration.incarnation());
        testbed.provisioner.succeed(STAGE);

        testbed.deleted(registration.applicationId());
        DeprovisioningOutcome retry = testbed.deprovisioningOutcomeOf(registration.applicationId(),
                registration.incarnation());

        assertThat(first.clean()).isFalse();
        assertThat(first.deprovisioned()).containsExactly(DEV);
        assertThat(testbed.publisher.events(registration.applicationId(), EnvironmentDeprovisioningResult.class))
                .filteredOn(result -> result.status() == EnvironmentStatus.FAILED)
                .singleElement().satisfies(failed -> {
                    assertThat(failed.reason()).isEqualTo(FailureReason.ConnectionRefused);
                    assertThat(failed.retryable()).isTrue();
                    assertThat(failed.attempt()).isEqualTo(1);
                });
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(retry.clean()).isTrue();
    }

    @Test
    void aProvisioningRunOfTheDeletedIncarnationIsTerminatedSoItGrantsNothingAfterwards() {
        ApplicationRegistered registration = registration(newApplicationId("deleted-early"), DEV);
        testbed.registered(registration);
        CountDownLatch never = new CountDownLatch(1);
        testbed.provisioner.waitFor(DEV, never);
        testbed.send(Commands.created(registration.applicationId(), registration.incarnation(), DEV));

        testbed.deleted(registration.applicationId());
        testbed.deprovisioningOutcomeOf(registration.applicationId(), registration.incarnation());

        assertThat(testbed.terminated(EventIds.workflowId(registration.applicationId(), registration.incarnation())))
                .isTrue();
        never.countDown();
    }

    @Test
    void aRetryCommandOfTheDeletedIncarnationStartsNoProvisioning() {
        ApplicationRegistered registration = registration(newApplicationId("retried-late"), DEV);
        testbed.registered(registration);
        testbed.deleted(registration.applicationId());
        testbed.deprovisioningOutcomeOf(registration.applicationId(), registration.incarnation());

        StartDecision late = testbed.send(Commands.retry(registration.applicationId(), registration.incarnation(), 1,
                DEV));

        assertThat(late).isInstanceOf(StartDecision.IncarnationDeleted.class);
        assertThat(testbed.provisioner.calls(DEV)).isZero();
        assertThat(testbed.counter(ProvisionCommandListener.SKIPPED_COUNTER, "reason", "incarnation-deleted"))
                .isEqualTo(1);
    }

    @Test
    void aTombstoneOfAnApplicationNeverSeenStartsNothingAndIsCounted() {
        String applicationId = newApplicationId("unknown");

        testbed.deleted(applicationId);

        assertThat(testbed.publisher.events(applicationId)).isEmpty();
        assertThat(testbed.counter(ApplicationDeletionListener.DELETIONS_COUNTER, "outcome", "unknown-application"))
                .isEqualTo(1);
    }

    @Test
    void aNewRegistrationAfterADeletionIsDeletedAsItsOwnIncarnation() {
        String applicationId = newApplicationId("twice");
        ApplicationRegistered first = registration(applicationId, DEV);
        testbed.registered(first);
        testbed.deleted(applicationId);
        testbed.deprovisioningOutcomeOf(applicationId, first.incarnation());
        ApplicationRegistered second = ApplicationRegistered.of(applicationId, "App", Commands.WORKSPACE, "Acme",
                List.of(DEV), first.occurredAt().plusSeconds(60));
        testbed.registered(second);

        testbed.deleted(applicationId);
        DeprovisioningOutcome outcome = testbed.deprovisioningOutcomeOf(applicationId, second.incarnation());

        assertThat(outcome.attempt()).isEqualTo(1);
        assertThat(testbed.publisher.events(applicationId, DeprovisioningStarted.class))
                .extracting(DeprovisioningStarted::incarnation).containsExactly(first.incarnation(),
                        second.incarnation());
    }

    private static ApplicationRegistered registration(String applicationId, Environment... environments) {
        return ApplicationRegistered.of(applicationId, "App " + applicationId, Commands.WORKSPACE, "Acme",
                List.of(environments), Instant.now());
    }
}
