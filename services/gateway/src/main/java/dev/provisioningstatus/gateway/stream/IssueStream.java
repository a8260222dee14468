package dev.provisioningstatus.gateway.stream;

import dev.provisioningstatus.gateway.query.Detail;
import dev.provisioningstatus.gateway.query.IssueScope;
import dev.provisioningstatus.gateway.view.HeldView;
import dev.provisioningstatus.gateway.view.LatestRecord;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import dev.provisioningstatus.gateway.view.ViewChange;
import dev.provisioningstatus.gateway.view.ViewPosition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams of every subscriber, fed by one shared tail of the index: each change is rendered
 * once per scope, detail and count it shows, and the same bytes are written to every subscriber
 * it concerns, from that subscriber's writer (its connection's event loop), in the order of the
 * changes.
 *
 * <p>A subscriber is either live (it got every change of its scope up to its cursor) or behind: a
 * new one, one that reconnected with a cursor, or one whose socket did not take a change. A
 * behind subscriber catches up through the index as soon as its socket takes bytes and the index
 * has read as far as its cursor: a {@code snapshot} without a cursor, otherwise a {@code status}
 * per application of its scope whose latest record is after the cursor, then a {@code summary};
 * either followed, if the index moved while it was rendered, by the {@code status} events and
 * {@code summary} of what changed meanwhile; then it is live again. It never gets an answer from
 * behind its own cursor. Only a cursor of another topic (the topic was recreated) or one older
 * than the topic's tombstone retention gets {@code resync}.
 */
public final class IssueStream implements ProvisioningViewIndex.Listener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IssueStream.class);
    /** A cursor issued this long before the retention ends could miss a deletion an instance read late. */
    static final Duration RETENTION_MARGIN = Duration.ofMinutes(1);
    private static final long TICK_MILLIS = 100;

    private final ProvisioningViewIndex index;
    private final IssueStreamEvents events;
    private final StreamProperties properties;
    private final Clock clock;
    private final ByteBuffer opening;
    private final Map<String, Set<StreamConnection<?>>> liveByWorkspace = new ConcurrentHashMap<>();
    private final Set<StreamConnection<?>> livePlatform = ConcurrentHashMap.newKeySet();
    private final Set<StreamConnection<?>> behind = ConcurrentHashMap.newKeySet();
    private final Map<StreamConnection<?>, Long> waitingSince = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;
    private final Counter cursorResyncs;
    private final Counter topicResyncs;
    private final Counter catchUps;
    private long lastHousekeeping;

    public IssueStream(ProvisioningViewIndex index, IssueStreamEvents events, StreamProperties properties,
            Clock clock, MeterRegistry meters) {
        this.index = index;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.opening = events.opening(properties.reconnectDelay());
        Gauge.builder("provisioning.gateway.sse.subscribers", this, IssueStream::subscribers)
                .description("Open provisioning-issue event streams")
                .register(meters);
        Gauge.builder("provisioning.gateway.sse.behind", behind, Set::size)
                .description("Streams waiting to catch up: new, resumed, or whose socket did not take a change")
                .register(meters);
        this.cursorResyncs = resyncs(meters, "cursor");
        this.topicResyncs = resyncs(meters, "topic");
        this.catchUps = Counter.builder("provisioning.gateway.sse.catch-ups")
                .description("Streams that caught up through the index after falling behind or resuming")
                .register(meters);
        this.ticker = Executors.newSingleThreadScheduledExecutor(run -> {
            Thread thread = new Thread(run, "sse-catch-up");
            thread.setDaemon(true);
            return thread;
        });
        this.ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        index.listen(this);
    }

    public int subscribers() {
        int live = livePlatform.size();
        for (Set<StreamConnection<?>> workspace : liveByWorkspace.values()) {
            live += workspace.size();
        }
        return live + behind.size();
    }

    /**
     * A subscriber's stream as the bytes of its response.
     *
     * @param lastEventId    the id of the last event the client saw, or {@code null} for a snapshot
     * @param maxDuration    how long the stream may stay open (until the caller's token expires)
     * @param wrap           turns a shared block into the response's buffer, without copying it
     * @param socketWritable whether the connection's socket takes bytes now
     * @param writer         where live changes are written from (the connection's event loop)
     */
    public <T> Publisher<T> open(IssueScope scope, Detail detail, String lastEventId, Duration maxDuration,
            Function<ByteBuffer, T> wrap, BooleanSupplier socketWritable, Executor writer) {
        long expiresAt = System.nanoTime() + Math.max(0, Math.min(maxDuration.toNanos(), Duration.ofDays(365).toNanos()));
        Optional<EventCursor> cursor = Optional.ofNullable(lastEventId).filter(id -> !id.isEmpty())
                .map(EventCursor::parse)
                .orElse(null);
        boolean resync = cursor != null && (cursor.isEmpty() || isTooOld(cursor.get()));
        if (resync) {
            cursorResyncs.increment();
        }
        StreamConnection<T> connection = new StreamConnection<>(scope, detail,
                cursor == null || resync ? null : cursor.get().position(), resync, wrap, socketWritable, writer, expiresAt,
                this);
        waitingSince.put(connection, System.nanoTime());
        behind.add(connection);
        return connection;
    }

    private boolean isTooOld(EventCursor cursor) {
        Instant horizon = clock.instant().minus(index.deletionRetention()).plus(RETENTION_MARGIN);
        return cursor.issuedAt().isBefore(horizon);
    }

    /**
     * Under the index's lock, so the subscribers live now are the ones to get the change; the
     * writes themselves go to each connection's writer, one task per writer for all of its
     * connections, in the order of the changes.
     */
    @Override
    public void changed(ViewChange change) {
        Map<Executor, List<StreamConnection<?>>> byWriter = new HashMap<>(8);
        Set<String> workspaces = new HashSet<>(2);
        if (change.before() != null) {
            workspaces.add(change.before().workspaceId());
        }
        if (change.after() != null) {
            workspaces.add(change.after().workspaceId());
        }
        for (String workspace : workspaces) {
            Set<StreamConnection<?>> connections = liveByWorkspace.get(workspace);
            if (connections != null) {
                connections.forEach(connection -> group(byWriter, connection));
            }
        }
        livePlatform.forEach(connection -> group(byWriter, connection));
        if (byWriter.isEmpty()) {
            return;
        }
        Frame frame = new Frame(change);
        byWriter.forEach((writer, connections) -> {
            try {
                writer.execute(() -> connections.forEach(connection -> offer(frame, connection)));
            } catch (RejectedExecutionException shuttingDown) {
                connections.forEach(connection -> connection.end(null));
            }
        });
    }

    /** One connection's failure ends that stream (its client resumes from its cursor), not its writer's batch. */
    private static void offer(Frame frame, StreamConnection<?> connection) {
        try {
            frame.offer(connection);
        } catch (RuntimeException e) {
            log.warn("SSE write failed; ending that stream", e);
            connection.end(null);
        }
    }

    private static void group(Map<Executor, List<StreamConnection<?>>> byWriter, StreamConnection<?> connection) {
        byWriter.computeIfAbsent(connection.writer(), writer -> new ArrayList<>()).add(connection);
    }

    @Override
    public void replaced(ViewPosition position) {
        List<StreamConnection<?>> all = new ArrayList<>(behind);
        livePlatform.forEach(all::add);
        liveByWorkspace.values().forEach(all::addAll);
        topicResyncs.increment(all.size());
        all.forEach(connection -> connection.end(events.resync()));
    }

    /** The subscriber asked for more: it may be able to catch up now. */
    void wake(StreamConnection<?> connection) {
        if (!ticker.isShutdown()) {
            ticker.execute(() -> catchUp(connection));
        }
    }

    void fellBehind(StreamConnection<?> connection) {
        remove(connection);
        behind.add(connection);
    }

    void closed(StreamConnection<?> connection) {
        remove(connection);
        behind.remove(connection);
        waitingSince.remove(connection);
    }

    private void remove(StreamConnection<?> connection) {
        if (connection.scope() instanceof IssueScope.Workspace workspace) {
            Set<StreamConnection<?>> connections = liveByWorkspace.get(workspace.workspaceId());
            if (connections != null) {
                connections.remove(connection);
            }
        } else {
            livePlatform.remove(connection);
        }
    }

    private void addLive(StreamConnection<?> connection) {
        behind.remove(connection);
        waitingSince.remove(connection);
        if (connection.scope() instanceof IssueScope.Workspace workspace) {
            liveByWorkspace.computeIfAbsent(workspace.workspaceId(), id -> ConcurrentHashMap.newKeySet()).add(connection);
        } else {
            livePlatform.add(connection);
        }
    }

    private void tick() {
        try {
            behind.forEach(this::catchUp);
            long now = System.nanoTime();
            if (now - lastHousekeeping >= TimeUnit.SECONDS.toNanos(1)) {
                lastHousekeeping = now;
                housekeeping(now);
            }
        } catch (RuntimeException e) {
            log.warn("SSE housekeeping failed", e);
        }
    }

    /**
     * Heartbeats on quiet streams; the end of streams whose token expired, of subscribers behind
     * that have taken no byte for the stalled-write timeout (the connection's own guard only sees
     * bytes already handed to it), and of cursors the index never reaches.
     */
    private void housekeeping(long now) {
        long heartbeat = properties.heartbeatInterval().toNanos();
        long stalled = properties.stalledWriteTimeout().toNanos();
        List<StreamConnection<?>> all = new ArrayList<>(behind);
        livePlatform.forEach(all::add);
        liveByWorkspace.values().forEach(all::addAll);
        for (StreamConnection<?> connection : all) {
            if (now - connection.expiresAtNanos() >= 0 || connection.stalledFor(now, stalled)) {
                connection.end(null);
            } else if (connection.heartbeatDue(now, heartbeat)) {
                connection.write(events.heartbeat());
            }
        }
        waitingSince.forEach((connection, since) -> {
            if (now - since >= properties.cursorWait().toNanos()) {
                connection.end(null);
            }
        });
    }

    /**
     * Brings a behind subscriber up to the index's position, if its socket takes bytes and the
     * index has read as far as its cursor. What it lacks is selected under the index's lock and
     * decoded and rendered outside it, so that a large snapshot does not hold up live changes.
     * Changes that came meanwhile are rendered under the lock and written with it, in one write, so
     * no change falls between the catch-up and the live changes after it.
     */
    private void catchUp(StreamConnection<?> connection) {
        if (connection.isDone() || connection.isLive()) {
            return;
        }
        connection.open(opening);
        if (!connection.canWrite()) {
            return;
        }
        if (connection.resyncOnly()) {
            connection.end(events.resync());
            return;
        }
        ViewPosition cursor = connection.cursor();
        ViewPosition position = index.position();
        if (position == null) {
            return;
        }
        if (cursor != null && !cursor.topicId().equals(position.topicId())) {
            topicResyncs.increment();
            connection.end(events.resync());
            return;
        }
        if (cursor != null && !position.reached(cursor)) {
            return;
        }
        Rendering lacking = index.read(current -> cursor == null
                ? snapshot(connection, current)
                : changesSince(cursor, connection, current));
        ByteBuffer rendered = lacking.block().get();
        index.read(current -> {
            ViewPosition now = current.position();
            ByteBuffer block = now.equals(lacking.position())
                    ? rendered
                    : IssueStreamEvents.joined(rendered,
                            changesSince(lacking.position(), connection, current).block().get());
            if (connection.catchUp(now, block)) {
                addLive(connection);
                if (cursor != null) {
                    catchUps.increment();
                }
            }
            return null;
        });
    }

    /** The subscriber's scope as {@code index} holds it now, rendered when asked for. */
    private Rendering snapshot(StreamConnection<?> connection, ProvisioningViewIndex index) {
        ViewPosition position = index.position();
        IssueScope scope = connection.scope();
        List<HeldView> views = scope.select(index);
        int count = scope.count(index);
        return new Rendering(position, () -> events.snapshot(scope, connection.detail(), views, count, id(position)));
    }

    /** What changed in its scope after {@code cursor}, as {@code index} has it, rendered when asked for. */
    private Rendering changesSince(ViewPosition cursor, StreamConnection<?> connection, ProvisioningViewIndex index) {
        ViewPosition position = index.position();
        IssueScope scope = connection.scope();
        List<LatestRecord> changed = index.changedSince(cursor);
        int count = scope.count(index);
        return new Rendering(position,
                () -> events.catchUp(scope, connection.detail(), changed, count, id(position)));
    }

    private String id(ViewPosition position) {
        return new EventCursor(position, clock.instant()).encode();
    }

    /** What a subscriber lacks up to {@code position}, selected under the index's lock and rendered outside it. */
    private record Rendering(ViewPosition position, Supplier<ByteBuffer> block) {
    }

    @Override
    public void close() {
        index.unlisten(this);
        ticker.shutdownNow();
    }

    private static Counter resyncs(MeterRegistry meters, String cause) {
        return Counter.builder("provisioning.gateway.sse.resyncs")
                .description("Streams told to resync: a cursor malformed or older than the tombstone retention, or of a replaced topic")
                .tag("cause", cause)
                .register(meters);
    }

    /**
     * One change as its subscribers get it: the id once, the bytes once per detail, inclusion and
     * count, shared by every subscriber that gets the same, whichever writer it is written from.
     */
    private final class Frame {
        private final ViewChange change;
        private final Map<FrameKey, ByteBuffer> blocks = new ConcurrentHashMap<>(4);
        private String id;

        Frame(ViewChange change) {
            this.change = change;
        }

        void offer(StreamConnection<?> connection) {
            IssueScope scope = connection.scope();
            if (!scope.isTouchedBy(change)) {
                connection.skip(change.position());
                return;
            }
            FrameKey key = new FrameKey(connection.detail(), scope.includes(change.after()),
                    scope.countChangedBy(change) ? scope.countAfter(change) : null);
            connection.offer(change.position(), blocks.computeIfAbsent(key, this::render));
        }

        private ByteBuffer render(FrameKey key) {
            return events.change(change.afterAsRead(), change.applicationId(), key.included(), key.detail(),
                    key.countAfter(), id());
        }

        private synchronized String id() {
            if (id == null) {
                id = new EventCursor(change.position(), clock.instant()).encode();
            }
            return id;
        }
    }

    private record FrameKey(Detail detail, boolean included, Integer countAfter) {
    }
}
