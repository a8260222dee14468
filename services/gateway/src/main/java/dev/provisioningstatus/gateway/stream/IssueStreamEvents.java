package dev.provisioningstatus.gateway.stream;

import dev.provisioningstatus.gateway.query.ApplicationViewRedactor;
import dev.provisioningstatus.gateway.query.Detail;
import dev.provisioningstatus.gateway.query.IssueScope;
import dev.provisioningstatus.gateway.view.ViewChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.codec.ServerSentEvent;

/**
 * Builds the SSE events of one subscriber: what its scope makes of a change, rendered at its
 * detail, each with its cursor as {@code id}. Deterministic, so replaying a change gives the
 * events first sent for it.
 */
public final class IssueStreamEvents {

    public static final String SNAPSHOT = "snapshot";
    public static final String STATUS = "status";
    public static final String SUMMARY = "summary";
    public static final String RESYNC = "resync";

    private final long epoch;
    private final ApplicationViewRedactor redactor;

    public IssueStreamEvents(long epoch, ApplicationViewRedactor redactor) {
        this.epoch = epoch;
        this.redactor = redactor;
    }

    public long epoch() {
        return epoch;
    }

    /** A comment first: it makes the server send the response headers at once; then the reconnect delay. */
    public ServerSentEvent<Object> opening(Duration reconnectDelay) {
        return ServerSentEvent.builder().comment(" provisioning issues").retry(reconnectDelay).build();
    }

    public ServerSentEvent<Object> heartbeat() {
        return ServerSentEvent.builder().comment(" heartbeat").build();
    }

    public ServerSentEvent<Object> snapshot(long sequence, Object list) {
        return event(SNAPSHOT, new EventCursor(epoch, sequence, EventCursor.SUMMARY), list);
    }

    /**
     * The cursor is too old or foreign: drop state and reconnect without {@code Last-Event-ID}. Its
     * id is empty, which makes a browser's EventSource forget the old cursor too.
     */
    public ServerSentEvent<Object> resync() {
        return ServerSentEvent.builder().event(RESYNC).id("").data(Map.of()).build();
    }

    public static boolean isResync(ServerSentEvent<?> event) {
        return RESYNC.equals(event.event());
    }

    /** The events {@code change} causes in {@code scope}: a status event, then a summary if the count moved. */
    public List<ServerSentEvent<Object>> forChange(ViewChange change, IssueScope scope, Detail detail) {
        List<ServerSentEvent<Object>> events = new ArrayList<>(2);
        if (scope.isTouchedBy(change)) {
            Object application = scope.includes(change.after()) ? redactor.render(change.after(), detail) : null;
            events.add(event(STATUS, new EventCursor(epoch, change.sequence(), EventCursor.STATUS),
                    new StatusUpdate(change.applicationId(), application)));
        }
        if (scope.countChangedBy(change)) {
            events.add(event(SUMMARY, new EventCursor(epoch, change.sequence(), EventCursor.SUMMARY),
                    new IssueSummary(scope.countAfter(change))));
        }
        return events;
    }

    /** The events of {@code change} that come after {@code cursor}. */
    public List<ServerSentEvent<Object>> forChangeAfter(ViewChange change, EventCursor cursor, IssueScope scope,
            Detail detail) {
        List<ServerSentEvent<Object>> events = forChange(change, scope, detail);
        if (change.sequence() != cursor.sequence()) {
            return events;
        }
        return events.stream()
                .filter(event -> EventCursor.parse(event.id()).map(id -> id.part() > cursor.part()).orElse(false))
                .toList();
    }

    private static ServerSentEvent<Object> event(String name, EventCursor cursor, Object data) {
        return ServerSentEvent.builder().event(name).id(cursor.encode()).data(data).build();
    }
}
