package dev.provisioningstatus.gateway.view;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ProvisioningStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Every application's current provisioning view, held in memory, indexed by id, by workspace
 * (a workspace query touches only that workspace's applications) and by status (admin queries).
 *
 * <p>One writer (the {@code provisioning.status} consumer) applies views; any number of threads
 * read. Reads by id, workspace or status need no lock and may see a change half-way; readers
 * that must line up a state with the changes after it use {@link #read(Function)} and
 * {@link #changesFrom(long)}, which see whole changes only. Every accepted change gets the next
 * sequence number, is kept in a bounded buffer of recent changes and is published to
 * {@link #changes()} subscribers, in order.
 */
public final class ProvisioningViewIndex {

    private final Map<String, ApplicationProvisioningView> byId = new ConcurrentHashMap<>();
    private final Map<String, Map<String, ApplicationProvisioningView>> byWorkspace = new ConcurrentHashMap<>();
    private final Map<ProvisioningStatus, Map<String, ApplicationProvisioningView>> byStatus;
    private final Map<String, Integer> bannerCounts = new ConcurrentHashMap<>();
    private final Deque<ViewChange> recentChanges;
    private final int recentChangesCapacity;
    // Direct best effort: each subscriber has its own bounded buffer downstream; none can hold up the others.
    private final Sinks.Many<ViewChange> changes = Sinks.many().multicast().directBestEffort();
    private long sequence;

    public ProvisioningViewIndex(int recentChangesCapacity) {
        if (recentChangesCapacity < 1) {
            throw new IllegalArgumentException("recentChangesCapacity must be at least 1");
        }
        this.recentChangesCapacity = recentChangesCapacity;
        this.recentChanges = new ArrayDeque<>(recentChangesCapacity);
        Map<ProvisioningStatus, Map<String, ApplicationProvisioningView>> statuses = new EnumMap<>(ProvisioningStatus.class);
        for (ProvisioningStatus status : ProvisioningStatus.values()) {
            statuses.put(status, new ConcurrentHashMap<>());
        }
        this.byStatus = statuses;
    }

    /**
     * Applies the record of {@code applicationId} read from {@code provisioning.status}:
     * {@code view == null} is a tombstone. A view whose version is not newer than the one held
     * changes nothing.
     *
     * @return the change, or empty when nothing changed
     */
    public synchronized Optional<ViewChange> apply(String applicationId, ApplicationProvisioningView view) {
        ApplicationProvisioningView before = byId.get(applicationId);
        if (view == null ? before == null : before != null && view.version() <= before.version()) {
            return Optional.empty();
        }
        if (view != null && !view.applicationId().equals(applicationId)) {
            throw new IllegalArgumentException("view of '" + view.applicationId() + "' keyed as '" + applicationId + "'");
        }
        if (before != null) {
            remove(before);
        }
        if (view != null) {
            add(view);
        }
        Map<String, Integer> touchedBannerCounts = new HashMap<>();
        for (ApplicationProvisioningView touched : new ApplicationProvisioningView[] {before, view}) {
            if (touched != null) {
                touchedBannerCounts.put(touched.workspaceId(), bannerCount(touched.workspaceId()));
            }
        }
        Map<ProvisioningStatus, Integer> statusCounts = new EnumMap<>(ProvisioningStatus.class);
        byStatus.forEach((status, views) -> statusCounts.put(status, views.size()));
        ViewChange change = new ViewChange(++sequence, applicationId, before, view, statusCounts, touchedBannerCounts);
        if (recentChanges.size() == recentChangesCapacity) {
            recentChanges.removeFirst();
        }
        recentChanges.addLast(change);
        // Emitting under the lock keeps the published order the sequence order.
        changes.tryEmitNext(change);
        return Optional.of(change);
    }

    public Optional<ApplicationProvisioningView> find(String applicationId) {
        return Optional.ofNullable(byId.get(applicationId));
    }

    public List<ApplicationProvisioningView> inWorkspace(String workspaceId) {
        Map<String, ApplicationProvisioningView> views = byWorkspace.get(workspaceId);
        return views == null ? List.of() : List.copyOf(views.values());
    }

    public List<ApplicationProvisioningView> withStatus(Set<ProvisioningStatus> statuses) {
        List<ApplicationProvisioningView> views = new ArrayList<>();
        statuses.forEach(status -> views.addAll(byStatus.get(status).values()));
        return views;
    }

    /** Applications of the workspace that are {@code failed} or {@code partial}: its banner count. */
    public int bannerCount(String workspaceId) {
        return bannerCounts.getOrDefault(workspaceId, 0);
    }

    public int count(Set<ProvisioningStatus> statuses) {
        return statuses.stream().mapToInt(status -> byStatus.get(status).size()).sum();
    }

    public int size() {
        return byId.size();
    }

    /** Reads the index between two changes, with the sequence of the last change the result reflects. */
    public synchronized <T> Positioned<T> read(Function<ProvisioningViewIndex, T> reader) {
        return new Positioned<>(sequence, reader.apply(this));
    }

    /**
     * The changes numbered {@code fromSequence} and after, while the recent-changes buffer still
     * holds all of them; empty when some are gone (or {@code fromSequence} lies in the future).
     * Positioned at the last change returned or, when none is missing, at the current one.
     */
    public synchronized Optional<Positioned<List<ViewChange>>> changesFrom(long fromSequence) {
        if (fromSequence < 1 || fromSequence > sequence + 1) {
            return Optional.empty();
        }
        if (fromSequence == sequence + 1) {
            return Optional.of(new Positioned<>(sequence, List.of()));
        }
        if (recentChanges.isEmpty() || recentChanges.peekFirst().sequence() > fromSequence) {
            return Optional.empty();
        }
        List<ViewChange> missed = recentChanges.stream().filter(change -> change.sequence() >= fromSequence).toList();
        return Optional.of(new Positioned<>(sequence, missed));
    }

    /** Every change from now on, in sequence order; a subscriber that does not keep up loses changes. */
    public Flux<ViewChange> changes() {
        return changes.asFlux();
    }

    public synchronized long sequence() {
        return sequence;
    }

    private void add(ApplicationProvisioningView view) {
        byId.put(view.applicationId(), view);
        byWorkspace.computeIfAbsent(view.workspaceId(), workspace -> new ConcurrentHashMap<>())
                .put(view.applicationId(), view);
        byStatus.get(view.status()).put(view.applicationId(), view);
        if (countsInBanner(view)) {
            bannerCounts.merge(view.workspaceId(), 1, Integer::sum);
        }
    }

    private void remove(ApplicationProvisioningView view) {
        byId.remove(view.applicationId());
        Map<String, ApplicationProvisioningView> workspace = byWorkspace.get(view.workspaceId());
        if (workspace != null) {
            workspace.remove(view.applicationId());
            if (workspace.isEmpty()) {
                byWorkspace.remove(view.workspaceId());
            }
        }
        byStatus.get(view.status()).remove(view.applicationId());
        if (countsInBanner(view)) {
            bannerCounts.computeIfPresent(view.workspaceId(), (workspaceId, count) -> count == 1 ? null : count - 1);
        }
    }

    /** The workspace banner counts what needs the members' attention: failed and partial applications. */
    public static boolean countsInBanner(ApplicationProvisioningView view) {
        return view.status() == ProvisioningStatus.FAILED || view.status() == ProvisioningStatus.PARTIAL;
    }
}
