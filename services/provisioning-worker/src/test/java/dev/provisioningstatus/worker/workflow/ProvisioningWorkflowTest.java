package dev.provisioningstatus.worker.workflow;

import static dev.provisioningstatus.events.Environment.DEV;
import static dev.provisioningstatus.events.Environment.PROD;
import static dev.provisioningstatus.events.Environment.STAGE;
import static dev.provisioningstatus.worker.fixtures.Commands.newApplicationId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentProvisioningResult;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.EventIds;
import dev.provisioningstatus.events.FailureReason;
import dev.provisioningstatus.events.ProvisionRequested;
import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.ProvisioningFinished;
import dev.provisioningstatus.events.ProvisioningRequestRejected;
import dev.provisioningstatus.events.ProvisioningStarted;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.events.Trigger;
import dev.provisioningstatus.worker.command.ProvisionCommandListener;
import dev.provisioningstatus.worker.command.StartDecision;
import dev.provisioningstatus.worker.fixtures.Commands;
import dev.provisioningstatus.worker.fixtures.ProvisioningTestbed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProvisioningWorkflowTest {

    private final ProvisioningTestbed testbed = new ProvisioningTestbed();

    @AfterEach
    void stopTemporal() {
        testbed.close();
    }

    @Test
    void everyEnvironmentSucceedingCompletesTheAttempt() {
        String app = newApplicationId("all-ok");

        StartDecision decision = testbed.send(Commands.created(app, DEV, STAGE, PROD));
        ProvisioningOutcome outcome = testbed.outcomeOf(app);

        assertThat(decision).isInstanceOf(StartDecision.Started.class);
        assertThat(outcome.attempt()).isEqualTo(1);
        assertThat(outcome.status()).isEqualTo(ProvisioningStatus.COMPLETED);
        assertThat(outcome.environments()).extracting(EnvironmentOutcome::virtualClusterId)
                .containsExactlyInAnyOrder("dev/acme." + app, "stage/acme." + app, "prod/acme." + app);
        List<ProvisioningEvent> events = testbed.publisher.events(app);
        assertThat(events.get(0)).isInstanceOfSatisfying(ProvisioningStarted.class, started -> {
            assertThat(started.attempt()).isEqualTo(1);
            assertThat(started.environments()).containsExactly(DEV, STAGE, PROD);
            assertThat(started.trigger()).isEqualTo(Trigger.CREATED);
            assertThat(started.workflowId()).isEqualTo(EventIds.workflowId(app));
        });
        assertThat(testbed.publisher.events(app, EnvironmentProvisioningResult.class))
                .allSatisfy(result -> assertThat(result.status()).isEqualTo(EnvironmentStatus.SUCCEEDED))
                .extracting(EnvironmentProvisioningResult::environment).containsExactlyInAnyOrder(DEV, STAGE, PROD);
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(ProvisioningFinished.class,
                finished -> assertThat(finished.status()).isEqualTo(ProvisioningStatus.COMPLETED));
    }

    @Test
    void aNewIncarnationOfACompletedApplicationProvisionsEveryEnvironmentFromAttemptOne() {
        String app = newApplicationId("reregistered");
        String first = Commands.newIncarnation();
        testbed.send(Commands.created(app, first, DEV, PROD));
        testbed.outcomeOf(app, first);
        String second = Commands.newIncarnation();

        StartDecision decision = testbed.send(Commands.created(app, second, DEV, PROD));
        ProvisioningOutcome outcome = testbed.outcomeOf(app, second);

        assertThat(decision).isInstanceOfSatisfying(StartDecision.Started.class, started -> {
            assertThat(started.attempt()).isEqualTo(1);
            assertThat(started.environments()).containsExactly(DEV, PROD);
            assertThat(started.workflowId()).isEqualTo(EventIds.workflowId(app, second));
        });
        assertThat(outcome.status()).isEqualTo(ProvisioningStatus.COMPLETED);
        List<ProvisioningEvent> events = testbed.publisher.events(app);
        assertThat(events).extracting(ProvisioningEvent::incarnation).containsOnly(first, second);
        assertThat(events.stream().filter(event -> second.equals(event.incarnation())))
                .hasSize(4).extracting(ProvisioningEvent::attempt).containsOnly(1);
        assertThat(events).extracting(ProvisioningEvent::eventId).doesNotHaveDuplicates();
    }

    @Test
    void aRetryCountsOnlyTheAttemptsOfItsOwnIncarnation() {
        String app = newApplicationId("retry-incarnation");
        String first = Commands.newIncarnation();
        testbed.provisioner.failAlways(STAGE, FailureReason.ConnectionRefused, true);
        testbed.send(Commands.created(app, first, DEV, STAGE));
        testbed.outcomeOf(app, first);
        testbed.send(Commands.retry(app, first, 1, DEV, STAGE));
        testbed.outcomeOf(app, first);
        String second = Commands.newIncarnation();
        testbed.send(Commands.created(app, second, DEV, STAGE));
        testbed.outcomeOf(app, second);

        StartDecision retry = testbed.send(Commands.retry(app, second, 1, DEV, STAGE));

        assertThat(retry).isInstanceOfSatisfying(StartDecision.Started.class, started -> {
            assertThat(started.attempt()).isEqualTo(2);
            assertThat(started.environments()).containsExactly(STAGE);
        });
    }

    @Test
    void someEnvironmentsFailingMakesTheAttemptPartial() {
        String app = newApplicationId("partial");
        testbed.provisioner.failAlways(STAGE, FailureReason.PolicyViolation, false);

        testbed.send(Commands.created(app, DEV, STAGE));

        assertThat(testbed.outcomeOf(app).status()).isEqualTo(ProvisioningStatus.PARTIAL);
        assertThat(resultOf(app, DEV).status()).isEqualTo(EnvironmentStatus.SUCCEEDED);
        EnvironmentProvisioningResult stage = resultOf(app, STAGE);
        assertThat(stage.status()).isEqualTo(EnvironmentStatus.FAILED);
        assertThat(stage.reason()).isEqualTo(FailureReason.PolicyViolation);
        assertThat(stage.message()).isEqualTo(FailureReason.PolicyViolation.moderateMessage());
        assertThat(stage.errorDetail()).contains("scripted PolicyViolation on stage")
                .contains("at dev.provisioningstatus");
        assertThat(stage.retryable()).isFalse();
        assertThat(finishedOf(app).status()).isEqualTo(ProvisioningStatus.PARTIAL);
    }

    @Test
    void everyEnvironmentFailingFailsTheAttemptWithoutFailingTheWorkflow() {
        String app = newApplicationId("all-fail");
        testbed.provisioner.failAlways(DEV, FailureReason.ConnectionRefused, true)
                .failAlways(STAGE, FailureReason.ConnectionTimeout, true);

        testbed.send(Commands.created(app, DEV, STAGE));

        assertThat(testbed.outcomeOf(app).status()).isEqualTo(ProvisioningStatus.FAILED);
        assertThat(testbed.publisher.events(app, EnvironmentProvisioningResult.class))
                .allSatisfy(result -> {
                    assertThat(result.status()).isEqualTo(EnvironmentStatus.FAILED);
                    assertThat(result.retryable()).isTrue();
                })
                .extracting(EnvironmentProvisioningResult::reason)
                .containsExactlyInAnyOrder(FailureReason.ConnectionRefused, FailureReason.ConnectionTimeout);
        assertThat(finishedOf(app).status()).isEqualTo(ProvisioningStatus.FAILED);
    }

    @Test
    void aTransientFailureIsRetriedUntilItSucceeds() {
        String app = newApplicationId("transient");
        testbed.provisioner.failFirst(DEV, 2, FailureReason.ConnectionRefused);

        testbed.send(Commands.created(app, DEV));

        assertThat(testbed.outcomeOf(app).status()).isEqualTo(ProvisioningStatus.COMPLETED);
        assertThat(testbed.provisioner.calls(DEV)).isEqualTo(3);
        assertThat(testbed.publisher.events(app, EnvironmentProvisioningResult.class))
                .singleElement()
                .satisfies(result -> assertThat(result.status()).isEqualTo(EnvironmentStatus.SUCCEEDED));
    }

    @Test
    void aNonRetryableFailureIsNotRetried() {
        String app = newApplicationId("not-retryable");
        testbed.provisioner.failAlways(PROD, FailureReason.ClusterNotConfigured, false);

        testbed.send(Commands.created(app, PROD));

        assertThat(testbed.outcomeOf(app).status()).isEqualTo(ProvisioningStatus.FAILED);
        assertThat(testbed.provisioner.calls(PROD)).isEqualTo(1);
        EnvironmentProvisioningResult prod = resultOf(app, PROD);
        assertThat(prod.reason()).isEqualTo(FailureReason.ClusterNotConfigured);
        assertThat(prod.retryable()).isFalse();
    }

    @Test
    void aRetryProvisionsOnlyTheFailedEnvironmentsAndKeepsTheSucceededVirtualClusters() {
        String app = newApplicationId("retry");
        testbed.provisioner.failAlways(STAGE, FailureReason.ConnectionRefused, true);
        testbed.send(Commands.created(app, DEV, STAGE));
        assertThat(testbed.outcomeOf(app).status()).isEqualTo(ProvisioningStatus.PARTIAL);
        testbed.provisioner.succeed(STAGE);

        StartDecision retry = testbed.send(Commands.retry(app, DEV, STAGE));
        ProvisioningOutcome outcome = testbed.outcomeOf(app);

        assertThat(retry).isInstanceOfSatisfying(StartDecision.Started.class, started -> {
            assertThat(started.attempt()).isEqualTo(2);
            assertThat(started.environments()).containsExactly(STAGE);
        });
        assertThat(testbed.provisioner.calls(DEV)).isEqualTo(1);
        assertThat(outcome.attempt()).isEqualTo(2);
        assertThat(outcome.status()).isEqualTo(ProvisioningStatus.COMPLETED);
        assertThat(outcome.environments()).containsExactlyInAnyOrder(
                EnvironmentOutcome.succeeded(DEV, "dev/acme." + app, 1),
                EnvironmentOutcome.succeeded(STAGE, "stage/acme." + app, 2));
        assertThat(testbed.publisher.events(app, ProvisioningStarted.class)).last()
                .satisfies(started -> {
                    assertThat(started.attempt()).isEqualTo(2);
                    assertThat(started.environments()).containsExactly(STAGE);
                });
        assertThat(testbed.publisher.events(app, ProvisioningFinished.class)).last()
                .satisfies(finished -> {
                    assertThat(finished.attempt()).isEqualTo(2);
                    assertThat(finished.status()).isEqualTo(ProvisioningStatus.COMPLETED);
                });
    }

    @Test
    void aSecondStartWhileARunIsInProgressIsRejectedByTemporal() {
        String app = newApplicationId("busy");
        CountDownLatch devMayFinish = new CountDownLatch(1);
        testbed.provisioner.waitFor(DEV, devMayFinish);
        testbed.send(Commands.created(app, DEV));

        StartDecision second = testbed.send(Commands.retry(app, DEV));
        devMayFinish.countDown();

        assertThat(second).isInstanceOfSatisfying(StartDecision.RejectedRunInProgress.class,
                rejected -> assertThat(rejected.runningAttempt()).isEqualTo(1));
        assertThat(testbed.counter(ProvisionCommandListener.REJECTED_COUNTER, "reason", "run-in-progress"))
                .isEqualTo(1.0);
        assertThat(testbed.outcomeOf(app).attempt()).isEqualTo(1);
        assertThat(testbed.publisher.events(app, ProvisioningStarted.class)).hasSize(1);
    }

    @Test
    void aStartRejectedWhileARunIsInProgressIsPublishedForWhoeverAskedAndChangesNothing() {
        String app = newApplicationId("busy-visible");
        CountDownLatch devMayFinish = new CountDownLatch(1);
        testbed.provisioner.waitFor(DEV, devMayFinish);
        testbed.send(Commands.created(app, DEV));
        ProvisionRequested retry = Commands.retry(app, DEV);

        testbed.send(retry);
        devMayFinish.countDown();
        testbed.outcomeOf(app);

        assertThat(testbed.publisher.events(app, ProvisioningRequestRejected.class)).singleElement()
                .satisfies(rejected -> {
                    assertThat(rejected.eventId()).isEqualTo(ProvisioningRequestRejected.runInProgress(retry,
                            EventIds.workflowId(app), 1, rejected.occurredAt()).eventId());
                    assertThat(rejected.commandId()).isEqualTo(retry.commandId());
                    assertThat(rejected.trigger()).isEqualTo(Trigger.RETRY);
                    assertThat(rejected.requestedBy()).isEqualTo(retry.requestedBy());
                    assertThat(rejected.reason()).isEqualTo(ProvisioningRequestRejected.RUN_IN_PROGRESS);
                    assertThat(rejected.runningAttempt()).isEqualTo(1);
                    assertThat(rejected.workflowId()).isEqualTo(EventIds.workflowId(app));
                });
        // The refused command made no second run: the running one went on to its end.
        assertThat(testbed.publisher.events(app)).extracting(ProvisioningWorkflowTest::describe)
                .containsExactlyInAnyOrder("ProvisioningStarted", "ProvisioningRequestRejected", "dev succeeded",
                        "ProvisioningFinished");
        assertThat(testbed.provisioner.calls(DEV)).isEqualTo(1);
    }

    @Test
    void aRejectionDuringARetryNamesTheRetrysAttempt() {
        String app = newApplicationId("busy-second");
        testbed.provisioner.failAlways(STAGE, FailureReason.ConnectionRefused, true);
        testbed.send(Commands.created(app, DEV, STAGE));
        testbed.outcomeOf(app);
        CountDownLatch stageMayFinish = new CountDownLatch(1);
        testbed.provisioner.succeed(STAGE).waitFor(STAGE, stageMayFinish);
        testbed.send(Commands.retry(app, DEV, STAGE));

        StartDecision third = testbed.send(Commands.retry(app, DEV, STAGE));
        stageMayFinish.countDown();

        assertThat(third).isInstanceOfSatisfying(StartDecision.RejectedRunInProgress.class,
                rejected -> assertThat(rejected.runningAttempt()).isEqualTo(2));
        assertThat(testbed.publisher.events(app, ProvisioningRequestRejected.class)).singleElement()
                .satisfies(rejected -> assertThat(rejected.runningAttempt()).isEqualTo(2));
    }

    @Test
    void aRetryIsNumberedAboveTheAttemptItsSenderSawWhenTemporalNoLongerKeepsEarlierRuns() {
        String app = newApplicationId("forgotten");

        StartDecision decision = testbed.send(Commands.retryAfter(4, app, DEV));

        assertThat(decision).isInstanceOfSatisfying(StartDecision.Started.class,
                started -> assertThat(started.attempt()).isEqualTo(5));
        assertThat(testbed.outcomeOf(app).status()).isEqualTo(ProvisioningStatus.COMPLETED);
        assertThat(testbed.publisher.events(app, ProvisioningStarted.class))
                .extracting(ProvisioningStarted::attempt).containsExactly(5);
    }

    @Test
    void aPublishingActivityThatRunsTwicePublishesTheSameEventIdTwice() {
        String app = newApplicationId("published-twice");
        AtomicBoolean died = new AtomicBoolean();
        testbed.publisher.onPublish(event -> {
            if (event.applicationId().equals(app) && event instanceof EnvironmentProvisioningResult
                    && died.compareAndSet(false, true)) {
                throw new IllegalStateException("the worker died after publishing, before completing the activity");
            }
        });

        testbed.send(Commands.created(app, DEV));

        assertThat(testbed.outcomeOf(app).status()).isEqualTo(ProvisioningStatus.COMPLETED);
        List<EnvironmentProvisioningResult> published =
                testbed.publisher.events(app, EnvironmentProvisioningResult.class);
        assertThat(published).hasSize(2);
        assertThat(published.get(1).eventId()).isEqualTo(published.get(0).eventId());
    }

    @Test
    void aRedeliveredCommandStartsNoSecondRun() {
        String app = newApplicationId("redelivered");
        var command = Commands.created(app, DEV);
        testbed.send(command);
        testbed.outcomeOf(app);

        StartDecision again = testbed.send(command);

        assertThat(again).isInstanceOf(StartDecision.AlreadyHandled.class);
        assertThat(testbed.publisher.events(app, ProvisioningStarted.class)).hasSize(1);
    }

    @Test
    void aCommandWhoseEnvironmentsAllSucceededAlreadyStartsNoRun() {
        String app = newApplicationId("done");
        testbed.send(Commands.created(app, DEV));
        testbed.outcomeOf(app);

        StartDecision retry = testbed.send(Commands.retry(app, DEV));

        assertThat(retry).isInstanceOfSatisfying(StartDecision.NothingToProvision.class,
                nothing -> assertThat(nothing.lastAttempt()).isEqualTo(1));
        assertThat(testbed.provisioner.calls(DEV)).isEqualTo(1);
        assertThat(testbed.publisher.events(app, ProvisioningStarted.class)).hasSize(1);
    }

    @Test
    void eachResultIsPublishedAsSoonAsItsEnvironmentFinishesAndBeforeTheFinishedEvent() {
        String app = newApplicationId("streaming");
        // Stage can only finish once dev's result is out: publishing all results at the end would never get there.
        CountDownLatch devResultPublished = new CountDownLatch(1);
        testbed.publisher.onPublish(event -> {
            if (event instanceof EnvironmentProvisioningResult result && result.environment() == DEV) {
                devResultPublished.countDown();
            }
        });
        testbed.provisioner.waitFor(STAGE, devResultPublished);

        testbed.send(Commands.created(app, STAGE, DEV));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !testbed.publisher.events(app, ProvisioningFinished.class).isEmpty());

        assertThat(testbed.publisher.events(app)).extracting(ProvisioningWorkflowTest::describe)
                .containsExactly("ProvisioningStarted", "dev succeeded", "stage succeeded", "ProvisioningFinished");
    }

    private EnvironmentProvisioningResult resultOf(String app, Environment environment) {
        return testbed.publisher.events(app, EnvironmentProvisioningResult.class).stream()
                .filter(result -> result.environment() == environment)
                .reduce((first, second) -> second)
                .orElseThrow();
    }

    private ProvisioningFinished finishedOf(String app) {
        return testbed.publisher.events(app, ProvisioningFinished.class).get(0);
    }

    private static String describe(ProvisioningEvent event) {
        return event instanceof EnvironmentProvisioningResult result
                ? result.environment().id() + " " + result.status().id()
                : event.getClass().getSimpleName();
    }
}
