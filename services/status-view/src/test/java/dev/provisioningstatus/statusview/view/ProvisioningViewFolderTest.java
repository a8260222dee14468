package dev.provisioningstatus.statusview.view;

import static dev.provisioningstatus.events.Environment.DEV;
import static dev.provisioningstatus.events.Environment.PROD;
import static dev.provisioningstatus.events.Environment.STAGE;
import static dev.provisioningstatus.events.FailureReason.ConnectionRefused;
import static dev.provisioningstatus.events.FailureReason.ConnectionTimeout;
import static dev.provisioningstatus.statusview.ProvisioningFixtures.ALL_ENVIRONMENTS;
import static dev.provisioningstatus.statusview.ProvisioningFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.AttemptRecord;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentCondition;
import dev.provisioningstatus.events.EnvironmentProvisioningResult;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.ErrorDetail;
import dev.provisioningstatus.events.EventIds;
import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.statusview.ProvisioningFixtures;
import dev.provisioningstatus.statusview.view.FoldResult.Publication;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvisioningViewFolderTest {

    private final ProvisioningFixtures app = ProvisioningFixtures.of(ProvisioningFixtures.APP);
    private final ProvisioningViewFolder folder = new ProvisioningViewFolder();
    private ApplicationFoldState state;
    private ApplicationProvisioningView published;

    @Test
    void registeredApplicationWithoutAnyRunIsPending() {
        register(app.registered(ALL_ENVIRONMENTS));

        assertThat(published.status()).isEqualTo(ProvisioningStatus.PENDING);
        assertThat(published.attempt()).isZero();
        assertThat(published.environments()).extracting(EnvironmentCondition::status)
                .containsExactly(EnvironmentStatus.PENDING, EnvironmentStatus.PENDING, EnvironmentStatus.PENDING);
    }

    @Test
    void startedAttemptIsInProgress() {
        register(app.registered(ALL_ENVIRONMENTS));

        apply(app.started(1, ALL_ENVIRONMENTS, 2));

        assertThat(published.status()).isEqualTo(ProvisioningStatus.IN_PROGRESS);
    }

    @Test
    void environmentsOfAStartedAttemptBecomeInProgress() {
        register(app.registered(ALL_ENVIRONMENTS));

        apply(app.started(1, List.of(DEV, STAGE), 2));

        assertThat(condition(DEV)).extracting(EnvironmentCondition::status, EnvironmentCondition::attempt,
                        EnvironmentCondition::lastTransitionTime)
                .containsExactly(EnvironmentStatus.IN_PROGRESS, 1, at(2));
        assertThat(condition(STAGE).status()).isEqualTo(EnvironmentStatus.IN_PROGRESS);
        assertThat(condition(PROD).status()).isEqualTo(EnvironmentStatus.PENDING);
    }

    @Test
    void everyEnabledEnvironmentSucceededIsCompleted() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3), app.succeeded(1, STAGE, 4));

        apply(app.succeeded(1, PROD, 5));

        assertThat(published.status()).isEqualTo(ProvisioningStatus.COMPLETED);
    }

    @Test
    void everyEnabledEnvironmentFailedIsFailed() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.failed(1, DEV, ConnectionRefused, 3),
                app.failed(1, STAGE, ConnectionRefused, 4));

        apply(app.failed(1, PROD, ConnectionTimeout, 5));

        assertThat(published.status()).isEqualTo(ProvisioningStatus.FAILED);
    }

    @Test
    void someSucceededAndSomeFailedIsPartial() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3), app.failed(1, STAGE, ConnectionRefused, 4));

        apply(app.succeeded(1, PROD, 5));

        assertThat(published.status()).isEqualTo(ProvisioningStatus.PARTIAL);
    }

    @Test
    void attemptStaysInProgressUntilEveryStartedEnvironmentHasAResult() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3));

        apply(app.failed(1, STAGE, ConnectionRefused, 4));

        assertThat(published.status()).isEqualTo(ProvisioningStatus.IN_PROGRESS);
    }

    @Test
    void finishedAheadOfTheLastResultEndsTheAttemptWithTheReportedStatus() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3), app.failed(1, STAGE, ConnectionRefused, 4));

        apply(app.finished(1, ProvisioningStatus.PARTIAL, 6));

        assertThat(published.status()).isEqualTo(ProvisioningStatus.PARTIAL);
        assertThat(condition(PROD).status()).isEqualTo(EnvironmentStatus.IN_PROGRESS);
    }

    @Test
    void lastResultArrivingAfterFinishedStillLandsInItsEnvironment() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3), app.succeeded(1, STAGE, 4),
                app.finished(1, ProvisioningStatus.PARTIAL, 6));

        apply(app.failed(1, PROD, ConnectionTimeout, 5));

        assertThat(condition(PROD).status()).isEqualTo(EnvironmentStatus.FAILED);
        assertThat(published.status()).isEqualTo(ProvisioningStatus.PARTIAL);
        assertThat(published.error()).isEqualTo("prod: Connection timeout");
    }

    @Test
    void resultArrivingBeforeItsStartIsKeptWhenTheStartArrives() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.failed(1, STAGE, ConnectionRefused, 4));
        assertThat(published.status()).isEqualTo(ProvisioningStatus.IN_PROGRESS);

        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3), app.succeeded(1, PROD, 5));

        assertThat(condition(STAGE).status()).isEqualTo(EnvironmentStatus.FAILED);
        assertThat(published.status()).isEqualTo(ProvisioningStatus.PARTIAL);
        assertThat(published.lastAttemptAt()).isEqualTo(at(2));
    }

    @Test
    void failedEnvironmentCarriesReasonMessageDetailAndRetryability() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, ALL_ENVIRONMENTS, 2));

        apply(app.failed(1, STAGE, ConnectionRefused, 4));

        EnvironmentCondition stage = condition(STAGE);
        assertThat(stage.status()).isEqualTo(EnvironmentStatus.FAILED);
        assertThat(stage.reason()).isEqualTo(ConnectionRefused);
        assertThat(stage.message()).isEqualTo("Connection refused");
        assertThat(stage.errorDetail()).isEqualTo(ProvisioningFixtures.CONNECTION_REFUSED_DETAIL);
        assertThat(stage.retryable()).isTrue();
        assertThat(stage.attempt()).isEqualTo(1);
        assertThat(stage.lastTransitionTime()).isEqualTo(at(4));
    }

    @Test
    void succeededEnvironmentCarriesItsVirtualCluster() {
        register(app.registered(ALL_ENVIRONMENTS));

        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3));

        assertThat(condition(DEV)).extracting(EnvironmentCondition::status, EnvironmentCondition::virtualClusterId,
                        EnvironmentCondition::reason, EnvironmentCondition::errorDetail)
                .containsExactly(EnvironmentStatus.SUCCEEDED, "dev/acme.orders-api", null, null);
    }

    @Test
    void oversizedErrorDetailIsCapped() {
        register(app.registered(ALL_ENVIRONMENTS));
        EnvironmentProvisioningResult capped = app.failed(1, STAGE, ConnectionRefused, 4);
        String oversized = "x".repeat(ErrorDetail.MAX_CHARS * 2);

        apply(new EnvironmentProvisioningResult(capped.eventId(), capped.applicationId(), capped.workflowId(),
                capped.attempt(), capped.environment(), capped.status(), capped.reason(), capped.message(), oversized,
                capped.retryable(), null, capped.occurredAt(), capped.incarnation()));

        assertThat(condition(STAGE).errorDetail()).hasSize(ErrorDetail.MAX_CHARS).isEqualTo(ErrorDetail.cap(oversized));
    }

    @Test
    void retryKeepsTheConditionOfEnvironmentsItDoesNotProvision() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3), app.failed(1, STAGE, ConnectionRefused, 4),
                app.failed(1, PROD, ConnectionRefused, 5));
        EnvironmentCondition devAfterFirstAttempt = condition(DEV);

        apply(app.started(2, List.of(STAGE, PROD), 10));

        assertThat(condition(DEV)).isEqualTo(devAfterFirstAttempt);
        assertThat(condition(STAGE).status()).isEqualTo(EnvironmentStatus.IN_PROGRESS);
        assertThat(published.status()).isEqualTo(ProvisioningStatus.IN_PROGRESS);
    }

    @Test
    void retryEndsOnceEveryEnvironmentItStartedHasAResult() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3), app.failed(1, STAGE, ConnectionRefused, 4),
                app.succeeded(1, PROD, 5));

        apply(app.started(2, List.of(STAGE), 10), app.succeeded(2, STAGE, 11));

        assertThat(published.status()).isEqualTo(ProvisioningStatus.COMPLETED);
        assertThat(published.error()).isNull();
    }

    @Test
    void errorSummarizesEveryFailedEnvironmentInModerateWords() {
        register(app.registered(ALL_ENVIRONMENTS));

        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3), app.failed(1, STAGE, ConnectionRefused, 4),
                app.failed(1, PROD, ConnectionTimeout, 5));

        assertThat(published.error()).isEqualTo("stage: Connection refused; prod: Connection timeout");
    }

    @Test
    void errorIsAbsentWhileNothingFailed() {
        register(app.registered(ALL_ENVIRONMENTS));

        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3));

        assertThat(published.error()).isNull();
    }

    @Test
    void historyKeepsEarlierAttemptsNewestFirst() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, List.of(STAGE), 2), app.failed(1, STAGE, ConnectionRefused, 3));
        apply(app.started(2, List.of(STAGE), 10), app.failed(2, STAGE, ConnectionTimeout, 11));

        apply(app.started(3, List.of(STAGE), 20));

        assertThat(condition(STAGE).history()).containsExactly(
                new AttemptRecord(2, EnvironmentStatus.FAILED, ConnectionTimeout, "Connection timeout", at(11)),
                new AttemptRecord(1, EnvironmentStatus.FAILED, ConnectionRefused, "Connection refused", at(3)));
    }

    @Test
    void historyKeepsAtMostTheTenLatestEarlierAttempts() {
        register(app.registered(ALL_ENVIRONMENTS));
        for (int attempt = 1; attempt <= 12; attempt++) {
            apply(app.started(attempt, List.of(STAGE), attempt * 10),
                    app.failed(attempt, STAGE, ConnectionRefused, attempt * 10 + 1));
        }

        assertThat(condition(STAGE).history()).extracting(AttemptRecord::attempt)
                .containsExactly(11, 10, 9, 8, 7, 6, 5, 4, 3, 2);
    }

    @Test
    void historyIsNotWrittenWithinOneAttempt() {
        register(app.registered(ALL_ENVIRONMENTS));

        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.failed(1, STAGE, ConnectionRefused, 3));

        assertThat(condition(STAGE).history()).isEmpty();
    }

    @Test
    void duplicateEventCountsOnce() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.failed(1, STAGE, ConnectionRefused, 4));
        ApplicationFoldState before = state;

        FoldResult again = folder.apply(state, app.failed(1, STAGE, ConnectionRefused, 4));

        assertThat(again.publication()).isEqualTo(Publication.NOTHING);
        assertThat(again.state()).isSameAs(before);
    }

    @Test
    void redeliveredEventWithAnotherOutcomeDoesNotReplaceTheFirst() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.failed(1, STAGE, ConnectionRefused, 4));

        FoldResult rerun = apply(app.succeeded(1, STAGE, 6));

        assertThat(rerun.publication()).isEqualTo(Publication.NOTHING);
        assertThat(condition(STAGE).status()).isEqualTo(EnvironmentStatus.FAILED);
    }

    @Test
    void firstResultOfAnAttemptStandsEvenAgainstAnotherEventId() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.failed(1, STAGE, ConnectionRefused, 4));
        EnvironmentProvisioningResult second = app.succeeded(1, STAGE, 6);

        FoldResult conflicting = apply(new EnvironmentProvisioningResult("00000000-0000-0000-0000-000000000001",
                second.applicationId(), second.workflowId(), second.attempt(), second.environment(), second.status(),
                second.reason(), second.message(), second.errorDetail(), second.retryable(),
                second.virtualClusterId(), second.occurredAt(), second.incarnation()));

        assertThat(conflicting.publication()).isEqualTo(Publication.NOTHING);
        assertThat(condition(STAGE).status()).isEqualTo(EnvironmentStatus.FAILED);
    }

    @Test
    void resultOfAnOlderAttemptNeverOverwritesANewerAttempt() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3), app.succeeded(1, PROD, 5),
                app.finished(1, ProvisioningStatus.PARTIAL, 6), app.started(2, List.of(STAGE), 10));

        FoldResult late = apply(app.failed(1, STAGE, ConnectionRefused, 4));

        assertThat(late.publication()).isEqualTo(Publication.NOTHING);
        assertThat(condition(STAGE)).extracting(EnvironmentCondition::status, EnvironmentCondition::attempt)
                .containsExactly(EnvironmentStatus.IN_PROGRESS, 2);
    }

    @Test
    void startOfAnOlderAttemptIsIgnored() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(2, List.of(STAGE), 10));

        FoldResult late = apply(app.started(1, ALL_ENVIRONMENTS, 2));

        assertThat(late.publication()).isEqualTo(Publication.NOTHING);
        assertThat(published.attempt()).isEqualTo(2);
        assertThat(condition(DEV).status()).isEqualTo(EnvironmentStatus.PENDING);
    }

    @Test
    void finishOfAnOlderAttemptIsIgnored() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(2, List.of(STAGE), 10));

        FoldResult late = apply(app.finished(1, ProvisioningStatus.FAILED, 6));

        assertThat(late.publication()).isEqualTo(Publication.NOTHING);
        assertThat(published.status()).isEqualTo(ProvisioningStatus.IN_PROGRESS);
    }

    @Test
    void eventThatChangesNothingPublishesNothing() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3), app.failed(1, STAGE, ConnectionRefused, 4),
                app.succeeded(1, PROD, 5));
        long version = published.version();

        FoldResult finished = apply(app.finished(1, ProvisioningStatus.PARTIAL, 6));

        assertThat(finished.publication()).isEqualTo(Publication.NOTHING);
        assertThat(state.version()).isEqualTo(version);
    }

    @Test
    void rejectedRequestWhileAnAttemptRunsChangesNothing() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3));
        ApplicationProvisioningView before = published;
        ApplicationFoldState stateBefore = state;

        FoldResult rejected = apply(app.rejected(1, 4));

        assertThat(rejected.publication()).isEqualTo(Publication.NOTHING);
        assertThat(published).isSameAs(before);
        assertThat(folder.view(state)).isEqualTo(before);
        assertThat(state.version()).isEqualTo(stateBefore.version());
        assertThat(state.updatedAt()).isEqualTo(stateBefore.updatedAt());
    }

    @Test
    void rejectedRequestNamingANewerAttemptThanTheViewKnowsBeginsNoAttempt() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3), app.failed(1, STAGE, ConnectionRefused, 4),
                app.succeeded(1, PROD, 5));
        ApplicationProvisioningView before = published;

        FoldResult rejected = apply(app.rejected(2, 8));

        assertThat(rejected.publication()).isEqualTo(Publication.NOTHING);
        assertThat(folder.view(state)).isEqualTo(before);
        assertThat(state.attempt()).isEqualTo(1);

        apply(app.started(2, List.of(STAGE), 9));

        assertThat(published.attempt()).isEqualTo(2);
        assertThat(published.lastAttemptAt()).isEqualTo(at(9));
    }

    @Test
    void versionRisesByExactlyOnePerPublishedChange() {
        register(app.registered(ALL_ENVIRONMENTS));
        assertThat(published.version()).isEqualTo(1);

        apply(app.started(1, ALL_ENVIRONMENTS, 2));
        assertThat(published.version()).isEqualTo(2);

        apply(app.succeeded(1, DEV, 3), app.succeeded(1, DEV, 3), app.failed(1, STAGE, ConnectionRefused, 4));
        assertThat(published.version()).isEqualTo(4);
    }

    @Test
    void eventIdIsDerivedFromApplicationAndVersion() {
        register(app.registered(ALL_ENVIRONMENTS));

        apply(app.started(1, ALL_ENVIRONMENTS, 2));

        assertThat(published.eventId()).isEqualTo(ApplicationProvisioningView.eventId(app.applicationId(), 2));
    }

    @Test
    void workflowAttemptAndLastAttemptTimeFollowTheLatestAttempt() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.failed(1, STAGE, ConnectionRefused, 4));

        apply(app.started(2, List.of(STAGE), 10));

        assertThat(published.workflowId()).isEqualTo(EventIds.workflowId(app.applicationId(), app.incarnation()));
        assertThat(published.attempt()).isEqualTo(2);
        assertThat(published.lastAttemptAt()).isEqualTo(at(10));
    }

    @Test
    void updatedAtIsTheEventTimeOfTheLatestChange() {
        register(app.registered(ALL_ENVIRONMENTS));

        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3));

        assertThat(published.updatedAt()).isEqualTo(at(3));
    }

    @Test
    void updatedAtNeverMovesBackForALateEvent() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 9));

        apply(app.succeeded(1, STAGE, 5));

        assertThat(published.updatedAt()).isEqualTo(at(9));
    }

    @Test
    void eventsBeforeTheRegistrationPublishNothing() {
        FoldResult started = apply(app.started(1, ALL_ENVIRONMENTS, 2));
        FoldResult result = apply(app.succeeded(1, DEV, 3));

        assertThat(started.publication()).isEqualTo(Publication.NOTHING);
        assertThat(result.publication()).isEqualTo(Publication.NOTHING);
        assertThat(state).isNotNull();
    }

    @Test
    void registrationPublishesWhatWasFoldedBeforeIt() {
        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3), app.failed(1, STAGE, ConnectionRefused, 4),
                app.succeeded(1, PROD, 5));

        register(app.registered(ALL_ENVIRONMENTS));

        assertThat(published.status()).isEqualTo(ProvisioningStatus.PARTIAL);
        assertThat(published.version()).isEqualTo(1);
        assertThat(published.updatedAt()).isEqualTo(at(5));
    }

    @Test
    void onlyEnabledEnvironmentsAppearInDevStageProdOrder() {
        register(app.registered(List.of(PROD, DEV)));

        apply(app.started(1, ALL_ENVIRONMENTS, 2));

        assertThat(published.environments()).extracting(EnvironmentCondition::environment).containsExactly(DEV, PROD);
    }

    @Test
    void changedRegistrationPublishesANewView() {
        register(app.registered(ALL_ENVIRONMENTS));

        register(app.registered("Orders API v2", ALL_ENVIRONMENTS, 1));

        assertThat(published.name()).isEqualTo("Orders API v2");
        assertThat(published.version()).isEqualTo(2);
    }

    @Test
    void sameRegistrationAgainPublishesNothing() {
        ApplicationRegistered registered = app.registered(ALL_ENVIRONMENTS);
        register(registered);

        FoldResult again = register(registered);

        assertThat(again.publication()).isEqualTo(Publication.NOTHING);
    }

    @Test
    void deletionMakesTheApplicationDeprovisioningWithEveryEnvironmentWaiting() {
        register(app.registered(List.of(DEV, STAGE)));
        apply(app.started(1, List.of(DEV, STAGE), 2), app.succeeded(1, DEV, 3));

        FoldResult deleted = remember(folder.deregister(state, at(50)));

        assertThat(deleted.publication()).isEqualTo(Publication.VIEW);
        assertThat(published.status()).isEqualTo(ProvisioningStatus.DEPROVISIONING);
        assertThat(published.environments()).extracting(EnvironmentCondition::status)
                .containsOnly(EnvironmentStatus.DEPROVISIONING);
        assertThat(published.updatedAt()).isEqualTo(at(50));
    }

    @Test
    void theViewIsTombstonedOnlyOnceEveryEnvironmentIsDeprovisioned() {
        register(app.registered(ALL_ENVIRONMENTS));
        remember(folder.deregister(state, at(50)));

        FoldResult devAndStage = apply(app.deprovisioningStarted(1, ALL_ENVIRONMENTS, 51),
                app.deprovisioned(1, DEV, 52), app.deprovisioned(1, STAGE, 53));
        FoldResult prod = apply(app.deprovisioned(1, PROD, 54));

        assertThat(devAndStage.publication()).isEqualTo(Publication.VIEW);
        assertThat(condition(STAGE).status()).isEqualTo(EnvironmentStatus.DEPROVISIONED);
        assertThat(condition(PROD).status()).isEqualTo(EnvironmentStatus.DEPROVISIONING);
        assertThat(prod.publication()).isEqualTo(Publication.TOMBSTONE);
        assertThat(prod.state().isDeletedMarker()).isTrue();
        assertThat(prod.state().retiredIncarnations()).containsExactly(app.incarnation());
        assertThat(prod.state().version()).isEqualTo(published.version());
    }

    @Test
    void aDeprovisioningAttemptThatFailedSomewhereIsDeprovisioningFailedWithTheReason() {
        register(app.registered(ALL_ENVIRONMENTS));
        remember(folder.deregister(state, at(50)));

        apply(app.deprovisioningStarted(1, ALL_ENVIRONMENTS, 51), app.deprovisioned(1, DEV, 52),
                app.deprovisioningFailed(1, STAGE, ConnectionRefused, 53), app.deprovisioned(1, PROD, 54),
                app.deprovisioningFinished(1, false, 55));

        assertThat(published.status()).isEqualTo(ProvisioningStatus.DEPROVISIONING_FAILED);
        assertThat(published.error()).isEqualTo("stage: Connection refused");
        assertThat(condition(STAGE).reason()).isEqualTo(ConnectionRefused);
        assertThat(condition(STAGE).retryable()).isTrue();
    }

    @Test
    void aRetriedDeprovisioningThatCleansTheLastEnvironmentTombstonesTheView() {
        register(app.registered(ALL_ENVIRONMENTS));
        remember(folder.deregister(state, at(50)));
        apply(app.deprovisioningStarted(1, ALL_ENVIRONMENTS, 51), app.deprovisioned(1, DEV, 52),
                app.deprovisioningFailed(1, STAGE, ConnectionRefused, 53), app.deprovisioned(1, PROD, 54),
                app.deprovisioningFinished(1, false, 55));

        FoldResult started = apply(app.deprovisioningStarted(2, List.of(STAGE), 60));
        FoldResult cleaned = apply(app.deprovisioned(2, STAGE, 61));

        assertThat(started.publication()).isEqualTo(Publication.VIEW);
        assertThat(started.view().status()).isEqualTo(ProvisioningStatus.DEPROVISIONING);
        assertThat(cleaned.publication()).isEqualTo(Publication.TOMBSTONE);
    }

    @Test
    void provisioningEventsOfADeletedApplicationChangeNothing() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, ALL_ENVIRONMENTS, 2));
        remember(folder.deregister(state, at(50)));

        FoldResult late = apply(app.succeeded(1, DEV, 51));

        assertThat(late.publication()).isEqualTo(Publication.NOTHING);
        assertThat(condition(DEV).status()).isEqualTo(EnvironmentStatus.DEPROVISIONING);
    }

    @Test
    void deletingAgainWhileDeprovisioningPublishesNothing() {
        register(app.registered(ALL_ENVIRONMENTS));
        remember(folder.deregister(state, at(50)));

        FoldResult again = remember(folder.deregister(state, at(60)));

        assertThat(again.publication()).isEqualTo(Publication.NOTHING);
    }

    @Test
    void deletionOfAnApplicationNeverRegisteredPublishesNothing() {
        apply(app.started(1, ALL_ENVIRONMENTS, 2));

        FoldResult deleted = folder.deregister(state, at(50));

        assertThat(deleted.publication()).isEqualTo(Publication.NOTHING);
        assertThat(folder.view(deleted.state())).isNull();
    }

    @Test
    void deletingADeletedApplicationAgainPublishesNoSecondTombstone() {
        register(app.registered(ALL_ENVIRONMENTS));
        deleteAndClean(app, 50);

        FoldResult again = remember(folder.deregister(state, at(60)));

        assertThat(again.publication()).isEqualTo(Publication.NOTHING);
    }

    @Test
    void aRegistrationAfterADeletionStartsANewIncarnationAboveTheLastVersion() {
        completeFirstIncarnation();
        deleteAndClean(app, 50);
        long lastVersion = state.version();
        ProvisioningFixtures again = app.reRegisteredAt(100);

        register(again.registered(ALL_ENVIRONMENTS));

        assertThat(published.version()).isEqualTo(lastVersion + 1);
        assertThat(published.incarnation()).isEqualTo(again.incarnation()).isNotEqualTo(app.incarnation());
        assertThat(published.status()).isEqualTo(ProvisioningStatus.PENDING);
        assertThat(published.attempt()).isZero();
        assertThat(published.environments()).extracting(EnvironmentCondition::status)
                .containsOnly(EnvironmentStatus.PENDING);
    }

    @Test
    void theNewIncarnationsFirstAttemptIsFoldedThoughTheOldOneHadMore() {
        completeFirstIncarnation();
        apply(app.started(2, List.of(DEV), 20));
        deleteAndClean(app, 50);
        ProvisioningFixtures again = app.reRegisteredAt(100);
        register(again.registered(ALL_ENVIRONMENTS));

        apply(again.started(1, ALL_ENVIRONMENTS, 101), again.succeeded(1, DEV, 102), again.succeeded(1, STAGE, 103),
                again.succeeded(1, PROD, 104), again.finished(1, ProvisioningStatus.COMPLETED, 105));

        assertThat(published.status()).isEqualTo(ProvisioningStatus.COMPLETED);
        assertThat(published.attempt()).isEqualTo(1);
        assertThat(published.workflowId()).isEqualTo(again.workflowId());
        assertThat(condition(DEV).history()).isEmpty();
    }

    @Test
    void eventsOfTheDeletedIncarnationLeaveNothingBehindAndAreStale() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, ALL_ENVIRONMENTS, 2));
        deleteAndClean(app, 50);
        ApplicationFoldState marker = state;

        FoldResult late = apply(app.succeeded(1, DEV, 3));

        assertThat(late.staleIncarnation()).isTrue();
        assertThat(late.publication()).isEqualTo(Publication.NOTHING);
        assertThat(late.state()).isSameAs(marker);
    }

    @Test
    void eventsOfAnOlderIncarnationAreNeverFoldedIntoTheNewOne() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, ALL_ENVIRONMENTS, 2));
        deleteAndClean(app, 50);
        ProvisioningFixtures again = app.reRegisteredAt(100);
        register(again.registered(ALL_ENVIRONMENTS));
        ApplicationProvisioningView before = published;

        FoldResult late = apply(app.succeeded(1, DEV, 101));
        FoldResult lateFinish = apply(app.finished(1, ProvisioningStatus.COMPLETED, 102));

        assertThat(late.staleIncarnation()).isTrue();
        assertThat(lateFinish.staleIncarnation()).isTrue();
        assertThat(published).isSameAs(before);
        assertThat(published.status()).isEqualTo(ProvisioningStatus.PENDING);
    }

    @Test
    void eventsOfTheNewIncarnationAheadOfItsRegistrationAreKeptForIt() {
        register(app.registered(ALL_ENVIRONMENTS));
        deleteAndClean(app, 50);
        long lastVersion = state.version();
        ProvisioningFixtures again = app.reRegisteredAt(100);

        FoldResult early = apply(again.started(1, ALL_ENVIRONMENTS, 101), again.succeeded(1, DEV, 102));
        register(again.registered(ALL_ENVIRONMENTS));

        assertThat(early.staleIncarnation()).isFalse();
        assertThat(published.status()).isEqualTo(ProvisioningStatus.IN_PROGRESS);
        assertThat(condition(DEV).status()).isEqualTo(EnvironmentStatus.SUCCEEDED);
        assertThat(published.version()).isEqualTo(lastVersion + 1);
    }

    @Test
    void anEventWithoutIncarnationAfterADeletionIsStale() {
        register(app.registered(ALL_ENVIRONMENTS));
        deleteAndClean(app, 50);

        FoldResult legacy = apply(new EnvironmentProvisioningResult("0d7f5a52-3c1b-4f7e-9d2a-6b8c4e1f0a93",
                ProvisioningFixtures.APP, EventIds.workflowId(ProvisioningFixtures.APP), 1, DEV,
                EnvironmentStatus.SUCCEEDED, null, "Provisioned successfully", null, false, "dev/acme.orders-api",
                at(3), null));

        assertThat(legacy.staleIncarnation()).isTrue();
    }

    @Test
    void anEventWithoutIncarnationIsFoldedIntoTheLiveApplication() {
        register(app.registered(ALL_ENVIRONMENTS));

        FoldResult legacy = apply(new EnvironmentProvisioningResult("0d7f5a52-3c1b-4f7e-9d2a-6b8c4e1f0a93",
                ProvisioningFixtures.APP, EventIds.workflowId(ProvisioningFixtures.APP), 1, DEV,
                EnvironmentStatus.SUCCEEDED, null, "Provisioned successfully", null, false, "dev/acme.orders-api",
                at(3), null));

        assertThat(legacy.staleIncarnation()).isFalse();
        assertThat(condition(DEV).status()).isEqualTo(EnvironmentStatus.SUCCEEDED);
    }

    private void deleteAndClean(ProvisioningFixtures incarnation, int seconds) {
        remember(folder.deregister(state, at(seconds)));
        apply(incarnation.cleanDeprovisioning(1, ALL_ENVIRONMENTS, seconds + 1).toArray(ProvisioningEvent[]::new));
        assertThat(state.isDeletedMarker()).isTrue();
    }

    private void completeFirstIncarnation() {
        register(app.registered(ALL_ENVIRONMENTS));
        apply(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3), app.succeeded(1, STAGE, 4),
                app.succeeded(1, PROD, 5), app.finished(1, ProvisioningStatus.COMPLETED, 6));
        assertThat(published.status()).isEqualTo(ProvisioningStatus.COMPLETED);
    }

    private FoldResult register(ApplicationRegistered registered) {
        return remember(folder.register(state, registered));
    }

    private FoldResult apply(ProvisioningEvent... events) {
        FoldResult last = null;
        for (ProvisioningEvent event : events) {
            last = remember(folder.apply(state, event));
        }
        return last;
    }

    private FoldResult remember(FoldResult result) {
        state = result.state();
        if (result.publication() == Publication.VIEW) {
            published = result.view();
        }
        return result;
    }

    private EnvironmentCondition condition(Environment environment) {
        return published.environments().stream().filter(c -> c.environment() == environment).findFirst()
                .orElseThrow();
    }
}
