package dev.provisioningstatus.reliability.stream;

import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.gateway.stream.EventCursor;
import dev.provisioningstatus.gateway.view.ViewPosition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * A client that never disconnects, and what it saw: for each application, every state it got
 * together with the offset of the {@code provisioning.status} record behind it. From that it
 * tells the state any client must hold at any cursor, whichever instance issued the cursor: for
 * each application, the last state it got from a record before the cursor's offset in the
 * application's partition.
 */
final class ReferenceClient implements AutoCloseable {

    private static final Set<String> COUNTED = Set.of("failed", "partial");

    private record Seen(long offset, JsonNode application) {
    }

    private final SseConnection connection;
    private final IssueState state = new IssueState();
    private final Map<String, List<Seen>> history = new HashMap<>();
    private final Thread follower;
    private ViewPosition position;
    /** Status events of a change (or a catch-up) whose id, and so whose offsets, come with a later event. */
    private final Map<String, JsonNode> pending = new HashMap<>();
    private long lastEventNanos = System.nanoTime();
    private String failure;

    ReferenceClient(String url, String token) {
        connection = new SseConnection(url, token, null);
        follower = new Thread(this::follow, "reference-client");
        follower.setDaemon(true);
        follower.start();
        await("the reference client's snapshot").atMost(Duration.ofSeconds(60)).until(() -> position() != null);
    }

    synchronized ViewPosition position() {
        return position;
    }

    synchronized String canonical() {
        return state.canonical();
    }

    /**
     * The state at {@code cursor}, once this client has got as far (or has heard nothing for two
     * seconds: no change of the scope is left between where it is and the cursor).
     */
    String stateAt(String cursor) {
        ViewPosition at = EventCursor.parse(cursor).orElseThrow().position();
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> reached(at) || quietFor(Duration.ofSeconds(2)));
        } catch (ConditionTimeoutException stillBehind) {
            throw new AssertionError("the reference client never got to " + at + "; it is at " + position());
        }
        synchronized (this) {
            if (failure != null) {
                throw new AssertionError("the reference client failed: " + failure);
            }
            Map<String, JsonNode> applications = new HashMap<>();
            history.forEach((applicationId, seen) -> {
                long next = at.nextOffset(partitionOf(applicationId, at.partitions()));
                JsonNode last = null;
                for (Seen one : seen) {
                    if (one.offset() < next) {
                        last = one.application();
                    }
                }
                if (last != null) {
                    applications.put(applicationId, last);
                }
            });
            int count = (int) applications.values().stream()
                    .filter(application -> COUNTED.contains(application.path("status").asString()))
                    .count();
            return IssueState.canonical(applications, count);
        }
    }

    private synchronized boolean reached(ViewPosition at) {
        return position != null && position.reached(at);
    }

    private synchronized boolean quietFor(Duration quiet) {
        return System.nanoTime() - lastEventNanos >= quiet.toNanos();
    }

    private void follow() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                SseConnection.Event event = connection.next(Duration.ofSeconds(1));
                if (event != null) {
                    seen(event);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            synchronized (this) {
                failure = e.toString();
            }
        }
    }

    private synchronized void seen(SseConnection.Event event) {
        lastEventNanos = System.nanoTime();
        if (!state.apply(event)) {
            throw new IllegalStateException("the reference client was told to resync");
        }
        switch (event.type()) {
            case "snapshot" -> event.data().path("applications").forEach(application -> history.computeIfAbsent(
                    application.path("applicationId").asString(), id -> new ArrayList<>()).add(new Seen(-1, application)));
            case "status" -> {
                JsonNode application = event.data().path("application");
                pending.put(event.data().path("applicationId").asString(),
                        application.isNull() || application.isMissingNode() ? null : application);
            }
            default -> {
            }
        }
        if (event.id() == null || event.id().isEmpty()) {
            return;
        }
        position = EventCursor.parse(event.id()).orElseThrow().position();
        pending.forEach((applicationId, application) -> {
            long offset = position.nextOffset(partitionOf(applicationId, position.partitions())) - 1;
            history.computeIfAbsent(applicationId, id -> new ArrayList<>()).add(new Seen(offset, application));
        });
        pending.clear();
    }

    /** The partition Kafka's default partitioner gives a key, as the status view writes it. */
    private static int partitionOf(String applicationId, int partitions) {
        return Utils.toPositive(Utils.murmur2(applicationId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public void close() {
        follower.interrupt();
        connection.close();
    }
}
