package dev.provisioningstatus.statusview.view;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.AttemptRecord;
import dev.provisioningstatus.events.DeprovisioningFinished;
import dev.provisioningstatus.events.DeprovisioningStarted;
import dev.provisioningstatus.events.EnvironmentDeprovisioningResult;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentCondition;
import dev.provisioningstatus.events.EnvironmentProvisioningResult;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.ErrorDetail;
import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.ProvisioningFinished;
import dev.provisioningstatus.events.ProvisioningRequestRejected;
import dev.provisioningstatus.events.ProvisioningStarted;
import dev.provisioningstatus.events.ProvisioningStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules that fold registrations and provisioning events into an application's view
 * (docs/architecture.md, "The view"). Pure: no I/O, no clock; every time in the view is an event time, so the
 * same inputs always give the same output.
 *
 * <ul>
 *   <li>Status: {@code pending} before any run; {@code in_progress} from an attempt's first event until
 *       its {@code ProvisioningFinished} or until every environment it started has a result; then
 *       {@code completed} / {@code failed} / {@code partial} over the enabled environments (while
 *       {@code ProvisioningFinished} arrived ahead of a result, its reported status stands in).</li>
 *   <li>An environment's condition changes only through an event of its own attempt or a newer one,
 *       and the first result of an attempt wins; environments an attempt does not provision keep
 *       their condition (a retry only re-provisions the failed ones).</li>
 *   <li>History: when a newer attempt replaces an environment's condition, the replaced outcome is put
 *       <em>first</em> in its history (newest first), which keeps at most {@link #HISTORY_LIMIT} entries.</li>
 *   <li>{@code ProvisioningRequestRejected} (a command refused while a run is in progress) changes
 *       nothing: the running attempt goes on, so it publishes nothing.</li>
 *   <li>A duplicate event id counts once; an input that leaves the view as it was publishes nothing
 *       (only the bookkeeping may change); every published change raises {@code version} by one.</li>
 *   <li>Incarnations: a registration of an id that does not exist starts a new incarnation (named by its
 *       event id) with no progress of any earlier one. An event of another incarnation than the current
 *       one, or of a deleted one, is stale: it changes nothing and is reported as such. Deleting keeps a
 *       small marker (the last version and the deleted incarnations), so versions keep rising across a
 *       deletion and a new registration, and late events of the deleted incarnation leave nothing behind.</li>
 *   <li>Deletion: a deleted application is {@code deprovisioning} while the worker removes it from its
 *       environments (each condition {@code deprovisioning}, then {@code deprovisioned} or {@code failed}),
 *       {@code deprovisioning_failed} once an attempt ended with a failure; its view is tombstoned only
 *       when every environment is {@code deprovisioned}.</li>
 * </ul>
 */
public final class ProvisioningViewFolder {

    /** Matches the view schema's {@code maxItems} for an environment's history. */
    public static final int HISTORY_LIMIT = 10;

    /**
     * Event ids remembered per application. An attempt has at most five events (start, three results,
     * finish), so this covers a dozen attempts; older duplicates are stopped by the attempt rules anyway.
     */
    public static final int RECENT_EVENT_IDS = 64;

    /**
     * Deleted incarnations remembered per application. Only events of an incarnation deleted longer ago
     * than that many re-registrations could be taken for early events of a new one.
     */
    public static final int RETIRED_INCARNATIONS = 16;

    static final String WAITING_FOR_DEPROVISIONING_MESSAGE = "Waiting to be deprovisioned";
    static final String DEPROVISIONING_MESSAGE = "Deprovisioning";

    public FoldResult register(ApplicationFoldState state, ApplicationRegistered registration) {
        ApplicationFoldState current = state != null ? state : ApplicationFoldState.empty(registration.applicationId());
        ApplicationFoldState incarnated = current;
        boolean nothingLives = current.registration() == null || current.deletion() != null;
        if (nothingLives && !registration.incarnation().equals(current.incarnation())) {
            // Nothing lives under this id (never registered, deleted, or being deleted): the registration starts
            // an incarnation. Early events of this very incarnation stay; anything else is not its progress.
            incarnated = current.reincarnated(registration.incarnation(), RETIRED_INCARNATIONS);
        }
        return settle(current, incarnated.withRegistration(registration).touchedAt(registration.occurredAt()));
    }

    /**
     * The application was deleted ({@code at}: the tombstone's time). A registered application becomes
     * {@code deprovisioning}, every environment waiting to be cleaned; its view goes once every environment
     * is clean (see {@link #apply}). One never registered leaves only a marker. Deleting again while the
     * environments are being cleaned changes nothing here: it asks the worker to try again, and the view
     * follows the worker's events.
     */
    public FoldResult deregister(ApplicationFoldState state, Instant at) {
        if (state == null || state.isDeletedMarker() || state.deletion() != null) {
            return FoldResult.keep(state);
        }
        if (state.registration() == null) {
            return FoldResult.keep(state.deleted(RETIRED_INCARNATIONS));
        }
        List<EnvironmentCondition> waiting = state.registration().environments().stream()
                .map(environment -> new EnvironmentCondition(environment, EnvironmentStatus.DEPROVISIONING, null,
                        WAITING_FOR_DEPROVISIONING_MESSAGE, null, false, null, 0, at, List.of()))
                .toList();
        return settle(state, state.deleting(waiting).touchedAt(at));
    }

    public FoldResult apply(ApplicationFoldState state, ProvisioningEvent event) {
        ApplicationFoldState current = state != null ? state : ApplicationFoldState.empty(event.applicationId());
        if (current.hasSeen(event.eventId())) {
            return FoldResult.keep(state);
        }
        if (!belongsToCurrentIncarnation(current, event)) {
            return FoldResult.stale(state);
        }
        if (current.registration() == null && current.incarnation() == null) {
            current = current.adopting(event.incarnation());
        }
        ApplicationFoldState folded = fold(current, event);
        if (!folded.equals(current)) {
            folded = folded.touchedAt(event.occurredAt());
        }
        if (folded.deletion() != null && everyEnvironmentClean(folded)) {
            ApplicationFoldState marker = folded.deleted(RETIRED_INCARNATIONS);
            return folded.version() > 0 ? FoldResult.tombstone(marker, view(current).status())
                    : FoldResult.keep(marker);
        }
        return settle(current, folded.remembering(event.eventId(), RECENT_EVENT_IDS));
    }

    private static boolean everyEnvironmentClean(ApplicationFoldState state) {
        return state.registration() != null && state.registration().environments().stream()
                .map(state::condition)
                .allMatch(c -> c != null && c.status() == EnvironmentStatus.DEPROVISIONED);
    }

    /**
     * An event belongs to the incarnation the state follows. While no incarnation is known (events ahead
     * of the first registration, or after a deletion), any incarnation that was not deleted may be the
     * next one. An event without incarnation comes from a worker that predates incarnations: it is about
     * the live application, and after a deletion only about the deleted one.
     */
    private static boolean belongsToCurrentIncarnation(ApplicationFoldState state, ProvisioningEvent event) {
        if (state.isDeletedMarker()) {
            return event.incarnation() != null && !state.retiredIncarnations().contains(event.incarnation());
        }
        return event.incarnation() == null || state.incarnation() == null
                || event.incarnation().equals(state.incarnation());
    }

    /** The public view of {@code state}; {@code null} until the application's registration is known. */
    public ApplicationProvisioningView view(ApplicationFoldState state) {
        if (state == null || state.registration() == null) {
            return null;
        }
        ApplicationRegistered registration = state.registration();
        List<EnvironmentCondition> environments = registration.environments().stream()
                .sorted(Comparator.naturalOrder())
                .map(environment -> Objects.requireNonNullElseGet(state.condition(environment),
                        () -> EnvironmentCondition.pending(environment, registration.occurredAt())))
                .toList();
        return new ApplicationProvisioningView(
                ApplicationProvisioningView.eventId(state.applicationId(), state.version()),
                state.applicationId(), registration.name(), registration.workspaceId(), registration.workspaceName(),
                status(state, environments), EnvironmentCondition.errorSummary(environments), state.workflowId(), state.attempt(),
                state.lastAttemptAt(), state.updatedAt(), state.version(), environments, state.incarnation());
    }

    private FoldResult settle(ApplicationFoldState before, ApplicationFoldState after) {
        ApplicationProvisioningView published = content(before);
        if (Objects.equals(published, content(after))) {
            return FoldResult.keep(after);
        }
        ApplicationFoldState next = after.publishedAs(after.version() + 1);
        return FoldResult.publish(next, view(next), published == null ? null : published.status());
    }

    /** What a reader sees, without the fields that only mark a publication (id, version, time). */
    private ApplicationProvisioningView content(ApplicationFoldState state) {
        ApplicationProvisioningView view = view(state);
        return view == null ? null : new ApplicationProvisioningView(null, view.applicationId(), view.name(),
                view.workspaceId(), view.workspaceName(), view.status(), view.error(), view.workflowId(),
                view.attempt(), view.lastAttemptAt(), null, 0, view.environments(), view.incarnation());
    }

    private ApplicationFoldState fold(ApplicationFoldState state, ProvisioningEvent event) {
        if (event instanceof ProvisioningRequestRejected) {
            // No attempt was made and the running one goes on: the view has nothing to change.
            return state;
        }
        boolean deprovisioningEvent = event instanceof DeprovisioningStarted
                || event instanceof EnvironmentDeprovisioningResult || event instanceof DeprovisioningFinished;
        if (deprovisioningEvent != (state.deletion() != null)) {
            // Provisioning of a deleted application is over, whatever is still reported; deprovisioning
            // reported for an application that was not deleted has nothing to clean in its view.
            return state;
        }
        if (deprovisioningEvent) {
            return deprovision(state, event);
        }
        ApplicationFoldState current = event.attempt() > state.attempt()
                ? state.beginningAttempt(event.attempt(), event.workflowId(), event.occurredAt())
                : state;
        if (event instanceof ProvisioningStarted started) {
            return start(current, started);
        }
        if (event instanceof EnvironmentProvisioningResult result) {
            return record(current, result);
        }
        if (event instanceof ProvisioningFinished finished) {
            return finish(current, finished);
        }
        throw new IllegalArgumentException("unknown provisioning event " + event.getClass().getName());
    }

    private ApplicationFoldState start(ApplicationFoldState state, ProvisioningStarted started) {
        if (started.attempt() < state.attempt() || state.attemptStarted()) {
            return state;
        }
        ApplicationFoldState current = state.started(started.environments(), started.occurredAt());
        for (Environment environment : started.environments()) {
            EnvironmentCondition condition = current.condition(environment);
            // A result of this attempt may have overtaken its start: it stays.
            if (condition == null || condition.attempt() < started.attempt()) {
                current = current.withCondition(new EnvironmentCondition(environment, EnvironmentStatus.IN_PROGRESS,
                        null, EnvironmentStatus.IN_PROGRESS.moderateMessage(), null, false,
                        condition == null ? null : condition.virtualClusterId(), started.attempt(),
                        started.occurredAt(), historyBefore(started.attempt(), condition)));
            }
        }
        return current;
    }

    private ApplicationFoldState record(ApplicationFoldState state, EnvironmentProvisioningResult result) {
        EnvironmentCondition condition = state.condition(result.environment());
        if (condition != null && (condition.attempt() > result.attempt()
                || condition.attempt() == result.attempt() && condition.status().isOutcome())) {
            return state;
        }
        return state.withCondition(new EnvironmentCondition(result.environment(), result.status(), result.reason(),
                result.message(), ErrorDetail.cap(result.errorDetail()), result.retryable(),
                result.virtualClusterId(), result.attempt(), result.occurredAt(),
                historyBefore(result.attempt(), condition)));
    }

    private ApplicationFoldState finish(ApplicationFoldState state, ProvisioningFinished finished) {
        if (finished.attempt() < state.attempt() || state.attemptFinishedStatus() != null) {
            return state;
        }
        return state.finished(finished.status());
    }

    private ApplicationFoldState deprovision(ApplicationFoldState state, ProvisioningEvent event) {
        Deletion deletion = state.deletion();
        if (event.attempt() < deletion.attempt()) {
            return state;
        }
        ApplicationFoldState current = event.attempt() > deletion.attempt()
                ? state.withDeletion(new Deletion(event.attempt(), false))
                : state;
        if (event instanceof DeprovisioningStarted started) {
            for (Environment environment : started.environments()) {
                EnvironmentCondition condition = current.condition(environment);
                if (condition == null || condition.attempt() < started.attempt()) {
                    current = current.withCondition(new EnvironmentCondition(environment,
                            EnvironmentStatus.DEPROVISIONING, null, DEPROVISIONING_MESSAGE, null, false, null,
                            started.attempt(), started.occurredAt(), List.of()));
                }
            }
            return current;
        }
        if (event instanceof EnvironmentDeprovisioningResult result) {
            EnvironmentCondition condition = current.condition(result.environment());
            if (condition != null && (condition.attempt() > result.attempt()
                    || condition.attempt() == result.attempt() && isDeprovisioningOutcome(condition.status()))) {
                return current;
            }
            return current.withCondition(new EnvironmentCondition(result.environment(), result.status(),
                    result.reason(), result.message(), ErrorDetail.cap(result.errorDetail()), result.retryable(),
                    null, result.attempt(), result.occurredAt(), List.of()));
        }
        return current.withDeletion(new Deletion(current.deletion().attempt(), true));
    }

    private static boolean isDeprovisioningOutcome(EnvironmentStatus status) {
        return status == EnvironmentStatus.DEPROVISIONED || status == EnvironmentStatus.FAILED;
    }

    private static ProvisioningStatus deprovisioningStatus(ApplicationFoldState state,
            List<EnvironmentCondition> environments) {
        Deletion deletion = state.deletion();
        boolean attemptOver = deletion.attemptFinished() || deletion.attempt() > 0 && environments.stream()
                .allMatch(c -> c.attempt() == deletion.attempt() && isDeprovisioningOutcome(c.status()));
        return attemptOver && count(environments, EnvironmentStatus.FAILED) > 0
                ? ProvisioningStatus.DEPROVISIONING_FAILED : ProvisioningStatus.DEPROVISIONING;
    }

    /** The history a condition of {@code attempt} starts with, given the condition it replaces. */
    private static List<AttemptRecord> historyBefore(int attempt, EnvironmentCondition replaced) {
        if (replaced == null) {
            return List.of();
        }
        if (replaced.attempt() == attempt) {
            return replaced.history();
        }
        List<AttemptRecord> history = new ArrayList<>(HISTORY_LIMIT);
        history.add(new AttemptRecord(replaced.attempt(), replaced.status(), replaced.reason(), replaced.message(),
                replaced.lastTransitionTime()));
        replaced.history().stream().limit(HISTORY_LIMIT - 1L).forEach(history::add);
        return history;
    }

    private static ProvisioningStatus status(ApplicationFoldState state, List<EnvironmentCondition> environments) {
        if (state.deletion() != null) {
            return deprovisioningStatus(state, environments);
        }
        if (state.attempt() == 0) {
            return ProvisioningStatus.PENDING;
        }
        if (!attemptEnded(state)) {
            return ProvisioningStatus.IN_PROGRESS;
        }
        Optional<ProvisioningStatus> outcome = ProvisioningStatus.ofOutcomes(
                environments.stream().map(EnvironmentCondition::status).toList());
        if (outcome.isPresent()) {
            return outcome.get();
        }
        if (state.attemptFinishedStatus() != null) {
            return state.attemptFinishedStatus();
        }
        // The attempt is over but an enabled environment was never provisioned (registered after it).
        return count(environments, EnvironmentStatus.SUCCEEDED) > 0 ? ProvisioningStatus.PARTIAL
                : count(environments, EnvironmentStatus.FAILED) > 0 ? ProvisioningStatus.FAILED
                : ProvisioningStatus.PENDING;
    }

    private static boolean attemptEnded(ApplicationFoldState state) {
        if (state.attemptFinishedStatus() != null) {
            return true;
        }
        return state.attemptStarted() && state.attemptEnvironments().stream()
                .map(state::condition)
                .allMatch(c -> c != null && c.attempt() == state.attempt() && c.status().isOutcome());
    }

    /** Moderate words only: the reason's fixed message, never the error detail. */
    private static long count(List<EnvironmentCondition> environments, EnvironmentStatus status) {
        return environments.stream().filter(c -> c.status() == status).count();
    }
}
