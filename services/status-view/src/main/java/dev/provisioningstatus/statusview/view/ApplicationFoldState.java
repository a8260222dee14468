package dev.provisioningstatus.statusview.view;

import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentCondition;
import dev.provisioningstatus.events.ProvisioningStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything one application's view is folded from, kept in the state store. The public view is
 * a projection of it ({@link ProvisioningViewFolder#view}); the bookkeeping (attempt progress,
 * recently seen event ids) never appears in that view.
 *
 * @param registration          the application as registered; {@code null} while events arrive before it
 * @param workflowId            the workflow of the latest attempt, {@code null} before any
 * @param attempt               the latest attempt seen, 0 before any run
 * @param lastAttemptAt         when the latest attempt started (its first event until its start is seen)
 * @param attemptStarted        whether {@code ProvisioningStarted} of the latest attempt was seen
 * @param attemptEnvironments   the environments the latest attempt provisions, known once it started
 * @param attemptFinishedStatus the status {@code ProvisioningFinished} reported for the latest attempt, if seen
 * @param conditions            one condition per environment any event touched (registered or not)
 * @param recentEventIds        the last {@link ProvisioningViewFolder#RECENT_EVENT_IDS} event ids, oldest first
 * @param updatedAt             the event time of the latest change
 * @param version               the version of the last published view, 0 before the first; it survives a
 *                              deletion, so the views of a later registration of the id go on from it
 * @param incarnation           the registration ({@code eventId}) the provisioning bookkeeping belongs to;
 *                              {@code null} while none is known, and for applications registered before
 *                              incarnations existed
 * @param retiredIncarnations   the incarnations deleted so far, oldest first, at most
 *                              {@link ProvisioningViewFolder#RETIRED_INCARNATIONS}: their events are stale
 * @param deletion              set once the application was deleted, while its environments are being cleaned
 */
public record ApplicationFoldState(
        String applicationId,
        ApplicationRegistered registration,
        String workflowId,
        int attempt,
        Instant lastAttemptAt,
        boolean attemptStarted,
        List<Environment> attemptEnvironments,
        ProvisioningStatus attemptFinishedStatus,
        List<EnvironmentCondition> conditions,
        List<String> recentEventIds,
        Instant updatedAt,
        long version,
        String incarnation,
        List<String> retiredIncarnations,
        Deletion deletion) {

    public ApplicationFoldState {
        attemptEnvironments = attemptEnvironments == null ? List.of() : List.copyOf(attemptEnvironments);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        recentEventIds = recentEventIds == null ? List.of() : List.copyOf(recentEventIds);
        retiredIncarnations = retiredIncarnations == null ? List.of() : List.copyOf(retiredIncarnations);
    }

    public static ApplicationFoldState empty(String applicationId) {
        return new ApplicationFoldState(applicationId, null, null, 0, null, false, List.of(), null, List.of(),
                List.of(), null, 0, null, List.of(), null);
    }

    /**
     * Whether this is what a deleted application leaves: no registration, no live incarnation, only the
     * last version and the retired incarnations.
     */
    public boolean isDeletedMarker() {
        return registration == null && incarnation == null && (version > 0 || !retiredIncarnations.isEmpty());
    }

    /**
     * What deleting the application leaves behind: its last version, so the next registration's views go
     * on above it, and its incarnation among the retired ones, so its late events are recognised as stale.
     * {@code null} when there is nothing worth keeping.
     */
    ApplicationFoldState deleted(int retiredLimit) {
        List<String> retired = retiring(incarnation, retiredLimit);
        if (version == 0 && retired.isEmpty()) {
            return null;
        }
        return empty(applicationId).with(draft -> {
            draft.updatedAt = updatedAt;
            draft.version = version;
            draft.retiredIncarnations = retired;
        });
    }

    /**
     * A new incarnation begins: nothing of the previous one's progress stays, the version goes on, and a
     * previous incarnation still being deleted is retired.
     */
    ApplicationFoldState reincarnated(String newIncarnation, int retiredLimit) {
        List<String> retired = deletion == null ? retiredIncarnations : retiring(incarnation, retiredLimit);
        return empty(applicationId).with(draft -> {
            draft.updatedAt = updatedAt;
            draft.version = version;
            draft.incarnation = newIncarnation;
            draft.retiredIncarnations = retired;
        });
    }

    /** The application was deleted: its environments are to be cleaned, each waiting as {@code waiting} says. */
    ApplicationFoldState deleting(List<EnvironmentCondition> waiting) {
        return with(draft -> {
            draft.conditions = waiting;
            draft.deletion = Deletion.requested();
        });
    }

    ApplicationFoldState withDeletion(Deletion newDeletion) {
        return with(draft -> draft.deletion = newDeletion);
    }

    private List<String> retiring(String retiredIncarnation, int retiredLimit) {
        List<String> retired = new ArrayList<>(retiredIncarnations);
        if (retiredIncarnation != null && !retired.contains(retiredIncarnation)) {
            retired.add(retiredIncarnation);
        }
        return retired.subList(Math.max(0, retired.size() - retiredLimit), retired.size());
    }

    /** The condition of {@code environment}, or {@code null} when no event has touched it. */
    public EnvironmentCondition condition(Environment environment) {
        return conditions.stream().filter(c -> c.environment() == environment).findFirst().orElse(null);
    }

    public boolean hasSeen(String eventId) {
        return recentEventIds.contains(eventId);
    }

    /** Early events of an incarnation whose registration is not read yet: they are kept for it. */
    ApplicationFoldState adopting(String eventIncarnation) {
        return with(draft -> draft.incarnation = eventIncarnation);
    }

    ApplicationFoldState withRegistration(ApplicationRegistered newRegistration) {
        return with(draft -> draft.registration = newRegistration);
    }

    /** A newer attempt replaces the attempt progress; conditions stay until that attempt's events replace them. */
    ApplicationFoldState beginningAttempt(int newAttempt, String newWorkflowId, Instant firstEventAt) {
        return with(draft -> {
            draft.workflowId = newWorkflowId;
            draft.attempt = newAttempt;
            draft.lastAttemptAt = firstEventAt;
            draft.attemptStarted = false;
            draft.attemptEnvironments = List.of();
            draft.attemptFinishedStatus = null;
        });
    }

    ApplicationFoldState started(List<Environment> environments, Instant startedAt) {
        return with(draft -> {
            draft.lastAttemptAt = startedAt;
            draft.attemptStarted = true;
            draft.attemptEnvironments = environments;
        });
    }

    ApplicationFoldState finished(ProvisioningStatus reportedStatus) {
        return with(draft -> draft.attemptFinishedStatus = reportedStatus);
    }

    ApplicationFoldState withCondition(EnvironmentCondition condition) {
        List<EnvironmentCondition> replaced = new ArrayList<>(conditions.size() + 1);
        conditions.stream().filter(c -> c.environment() != condition.environment()).forEach(replaced::add);
        replaced.add(condition);
        return with(draft -> draft.conditions = replaced);
    }

    ApplicationFoldState remembering(String eventId, int limit) {
        List<String> ids = new ArrayList<>(recentEventIds);
        ids.add(eventId);
        return with(draft -> draft.recentEventIds = ids.subList(Math.max(0, ids.size() - limit), ids.size()));
    }

    /** Event time moves {@code updatedAt} forward only, so a late event never makes the view look older. */
    ApplicationFoldState touchedAt(Instant at) {
        Instant latest = updatedAt == null || at.isAfter(updatedAt) ? at : updatedAt;
        return with(draft -> draft.updatedAt = latest);
    }

    ApplicationFoldState publishedAs(long newVersion) {
        return with(draft -> draft.version = newVersion);
    }

    /** A copy with what {@code change} sets on a draft of this state; every other component stays. */
    private ApplicationFoldState with(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.build();
    }

    /** The components of a state being changed: the withers above set only what they name. */
    private static final class Draft {
        private final String applicationId;
        private ApplicationRegistered registration;
        private String workflowId;
        private int attempt;
        private Instant lastAttemptAt;
        private boolean attemptStarted;
        private List<Environment> attemptEnvironments;
        private ProvisioningStatus attemptFinishedStatus;
        private List<EnvironmentCondition> conditions;
        private List<String> recentEventIds;
        private Instant updatedAt;
        private long version;
        private String incarnation;
        private List<String> retiredIncarnations;
        private Deletion deletion;

        private Draft(ApplicationFoldState state) {
            applicationId = state.applicationId;
            registration = state.registration;
            workflowId = state.workflowId;
            attempt = state.attempt;
            lastAttemptAt = state.lastAttemptAt;
            attemptStarted = state.attemptStarted;
            attemptEnvironments = state.attemptEnvironments;
            attemptFinishedStatus = state.attemptFinishedStatus;
            conditions = state.conditions;
            recentEventIds = state.recentEventIds;
            updatedAt = state.updatedAt;
            version = state.version;
            incarnation = state.incarnation;
            retiredIncarnations = state.retiredIncarnations;
            deletion = state.deletion;
        }

        private ApplicationFoldState build() {
            return new ApplicationFoldState(applicationId, registration, workflowId, attempt, lastAttemptAt,
                    attemptStarted, attemptEnvironments, attemptFinishedStatus, conditions, recentEventIds, updatedAt,
                    version, incarnation, retiredIncarnations, deletion);
        }
    }
}
