package dev.provisioningstatus.gateway.view;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ProvisioningStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Every application's current provisioning view, held in memory ({@link HeldView}: as the bytes it
 * was read as), indexed by id, by workspace (a workspace query touches only that workspace's
 * applications) and by status (admin queries), together with where in {@code provisioning.status}
 * each application's latest record is.
 *
 * <p>One writer (the {@code provisioning.status} consumer) applies records; any number of
 * threads read. Reads by id, workspace or status need no lock and may see a change half-way;
 * readers that must line up a state with the changes after it use {@link #read(Function)}, which
 * sees whole changes only, at a {@link #position()}. Listeners hear of every accepted change
 * while the change is applied, so a reader under {@link #read(Function)} and a listener never
 * disagree on which changes a position includes.
 *
 * <p>Deleted applications are kept as deletion markers for as long as Kafka keeps their
 * tombstones ({@code delete.retention.ms} of the topic), so a reader resuming from an older
 * position learns of the deletion even on an instance that started after it.
 */
public final class ProvisioningViewIndex {

    /** Hears of the index's changes, under the index's lock: must not block. */
    public interface Listener {

        void changed(ViewChange change);

        /** The topic was replaced (another topic id): everything read before means nothing now. */
        void replaced(ViewPosition position);
    }

    private final Map<String, HeldView> byId = new ConcurrentHashMap<>();
    private final Map<String, Map<String, HeldView>> byWorkspace = new ConcurrentHashMap<>();
    private final Map<ProvisioningStatus, Map<String, HeldView>> byStatus;
    private final Map<String, Integer> bannerCounts = new ConcurrentHashMap<>();
    private final Map<String, LatestRecord> latest = new HashMap<>();
    private final Map<Integer, NavigableMap<Long, String>> byOffset = new HashMap<>();
    /**
     * The deletion markers (the latest records that are deletions), oldest first: forgetting them after every
     * poll costs what expired, not what is kept.
     */
    private final NavigableSet<LatestRecord> deletionMarkersByAge = new TreeSet<>(
            Comparator.comparingLong(LatestRecord::timestamp).thenComparing(LatestRecord::applicationId));
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile ViewPosition position;
    private Duration deletionRetention = Duration.ofDays(1);

    public ProvisioningViewIndex() {
        Map<ProvisioningStatus, Map<String, HeldView>> statuses = new EnumMap<>(ProvisioningStatus.class);
        for (ProvisioningStatus status : ProvisioningStatus.values()) {
            statuses.put(status, new ConcurrentHashMap<>());
        }
        this.byStatus = statuses;
    }

    public void listen(Listener listener) {
        listeners.add(listener);
    }

    public void unlisten(Listener listener) {
        listeners.remove(listener);
    }

    /**
     * Starts (or goes on) reading the topic {@code topicId} of {@code partitions} partitions,
     * whose tombstones Kafka keeps for {@code deletionRetention}. The same topic again (a reader
     * that starts over after an error) keeps everything; another topic id empties the index.
     */
    public synchronized void follow(String topicId, int partitions, Duration deletionRetention) {
        this.deletionRetention = deletionRetention;
        if (position != null && position.topicId().equals(topicId)) {
            return;
        }
        boolean replaced = position != null;
        new ArrayList<>(byId.values()).forEach(this::remove);
        latest.clear();
        byOffset.clear();
        deletionMarkersByAge.clear();
        position = ViewPosition.start(topicId, partitions);
        if (replaced) {
            listeners.forEach(listener -> listener.replaced(position));
        }
    }

    /**
     * Applies one record of {@code provisioning.status}: {@code view == null} is a tombstone. A
     * view whose version is not newer than the one held changes nothing, but the position moves
     * past the record either way.
     *
     * @return the change, or empty when nothing changed
     */
    public synchronized Optional<ViewChange> apply(StatusRecord record) {
        if (position == null) {
            throw new IllegalStateException("apply before follow: the index does not know its topic yet");
        }
        String applicationId = record.applicationId();
        ApplicationProvisioningView view = record.view();
        if (view != null && !view.applicationId().equals(applicationId)) {
            throw new IllegalArgumentException("view of '" + view.applicationId() + "' keyed as '" + applicationId + "'");
        }
        position = position.after(record.partition(), record.offset());
        HeldView before = byId.get(applicationId);
        if (view == null ? before == null : before != null && view.version() <= before.version()) {
            return Optional.empty();
        }
        HeldView after = view == null ? null : HeldView.of(view, record.value(), before);
        if (before != null) {
            remove(before);
        }
        if (after != null) {
            add(after);
        }
        HeldView either = after != null ? after : before;
        track(new LatestRecord(either.applicationId(), either.workspaceId(), after, record.partition(), record.offset(),
                record.timestamp()));
        Map<String, Integer> touchedBannerCounts = new HashMap<>();
        for (HeldView touched : new HeldView[] {before, after}) {
            if (touched != null) {
                touchedBannerCounts.put(touched.workspaceId(), bannerCount(touched.workspaceId()));
            }
        }
        Map<ProvisioningStatus, Integer> statusCounts = new EnumMap<>(ProvisioningStatus.class);
        byStatus.forEach((status, views) -> statusCounts.put(status, views.size()));
        ViewChange change = new ViewChange(record.partition(), record.offset(), position, applicationId, before, after,
                view, statusCounts, touchedBannerCounts);
        listeners.forEach(listener -> listener.changed(change));
        return Optional.of(change);
    }

    /** Moves the position past a record that holds no view the index can use (no key, unreadable). */
    public synchronized void skip(int partition, long offset) {
        if (position != null) {
            position = position.after(partition, offset);
        }
    }

    /** Forgets deletions whose tombstones Kafka may have removed by {@code now}. */
    public synchronized void forgetDeletionsBefore(long now) {
        long horizon = now - deletionRetention.toMillis();
        while (!deletionMarkersByAge.isEmpty() && deletionMarkersByAge.first().timestamp() < horizon) {
            LatestRecord marker = deletionMarkersByAge.pollFirst();
            latest.remove(marker.applicationId());
            byOffset.get(marker.partition()).remove(marker.offset());
        }
    }

    /** How long deletions are remembered: the topic's {@code delete.retention.ms}. */
    public synchronized Duration deletionRetention() {
        return deletionRetention;
    }

    /**
     * Every application whose latest record lies at or after {@code from}, deleted ones included,
     * in the order of their records within each partition. Meant to be called inside
     * {@link #read(Function)}, so the result lines up with {@link #position()}.
     */
    public synchronized List<LatestRecord> changedSince(ViewPosition from) {
        List<LatestRecord> changed = new ArrayList<>();
        byOffset.forEach((partition, offsets) -> offsets.tailMap(from.nextOffset(partition), true).values()
                .forEach(applicationId -> changed.add(latest.get(applicationId))));
        return changed;
    }

    public Optional<ApplicationProvisioningView> find(String applicationId) {
        return Optional.ofNullable(byId.get(applicationId)).map(HeldView::view);
    }

    /** The workspace's applications that {@code which} selects, as held: the caller decodes them, outside any lock. */
    public List<HeldView> inWorkspace(String workspaceId, Predicate<HeldView> which) {
        Map<String, HeldView> views = byWorkspace.get(workspaceId);
        return views == null ? List.of() : views.values().stream().filter(which).toList();
    }

    /** The applications with one of {@code statuses}, as held: the caller decodes them, outside any lock. */
    public List<HeldView> withStatus(Set<ProvisioningStatus> statuses) {
        List<HeldView> views = new ArrayList<>();
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

    /** Reads the index between two changes; {@link #position()} inside is the position the result reflects. */
    public synchronized <T> T read(Function<ProvisioningViewIndex, T> reader) {
        return reader.apply(this);
    }

    /** How far the index has read; {@code null} until it knows its topic. */
    public ViewPosition position() {
        return position;
    }

    private void track(LatestRecord record) {
        LatestRecord previous = latest.put(record.applicationId(), record);
        if (previous != null) {
            byOffset.get(previous.partition()).remove(previous.offset());
            if (previous.isDeleted()) {
                deletionMarkersByAge.remove(previous);
            }
        }
        if (record.isDeleted()) {
            deletionMarkersByAge.add(record);
        }
        byOffset.computeIfAbsent(record.partition(), partition -> new TreeMap<>())
                .put(record.offset(), record.applicationId());
    }

    private void add(HeldView held) {
        byId.put(held.applicationId(), held);
        byWorkspace.computeIfAbsent(held.workspaceId(), workspace -> new ConcurrentHashMap<>())
                .put(held.applicationId(), held);
        byStatus.get(held.status()).put(held.applicationId(), held);
        if (held.countsInBanner()) {
            bannerCounts.merge(held.workspaceId(), 1, Integer::sum);
        }
    }

    private void remove(HeldView held) {
        byId.remove(held.applicationId());
        Map<String, HeldView> workspace = byWorkspace.get(held.workspaceId());
        if (workspace != null) {
            workspace.remove(held.applicationId());
            if (workspace.isEmpty()) {
                byWorkspace.remove(held.workspaceId());
            }
        }
        byStatus.get(held.status()).remove(held.applicationId());
        if (held.countsInBanner()) {
            bannerCounts.computeIfPresent(held.workspaceId(), (workspaceId, count) -> count == 1 ? null : count - 1);
        }
    }
}
