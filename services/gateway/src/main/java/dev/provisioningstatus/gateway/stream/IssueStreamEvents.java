package dev.provisioningstatus.gateway.stream;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.gateway.query.ApplicationView;
import dev.provisioningstatus.gateway.query.ApplicationViewRedactor;
import dev.provisioningstatus.gateway.query.Detail;
import dev.provisioningstatus.gateway.query.IssueScope;
import dev.provisioningstatus.gateway.query.ProvisioningIssues;
import dev.provisioningstatus.gateway.view.HeldView;
import dev.provisioningstatus.gateway.view.LatestRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes the streams' events as the bytes that go on the wire, ready to be shared: a block is
 * written once and the same bytes go to every subscriber that gets it.
 *
 * <p>An {@code id} marks a point where the client's state is whole: a change's events carry it
 * on the last of them (the {@code summary} if the count moved, else the {@code status}), a
 * catch-up's on its closing {@code summary}. A client that drops in between reconnects with the
 * previous id and gets the whole of it again.
 */
public final class IssueStreamEvents {

    public static final String SNAPSHOT = "snapshot";
    public static final String STATUS = "status";
    public static final String SUMMARY = "summary";
    public static final String RESYNC = "resync";

    private final ObjectMapper json;
    private final ApplicationViewRedactor redactor;
    private final ProvisioningIssues issues;
    private final ByteBuffer heartbeat = block(": heartbeat\n\n");
    private final ByteBuffer resync;

    public IssueStreamEvents(ObjectMapper json, ApplicationViewRedactor redactor, ProvisioningIssues issues) {
        this.json = json;
        this.redactor = redactor;
        this.issues = issues;
        // An empty id makes a browser's EventSource forget the old cursor too.
        this.resync = block("event:" + RESYNC + "\nid:\ndata:" + json.writeValueAsString(new Resync()) + "\n\n");
    }

    /** A comment first: it makes the server send the response headers at once; then the reconnect delay. */
    public ByteBuffer opening(Duration reconnectDelay) {
        return block(": provisioning issues\nretry:" + reconnectDelay.toMillis() + "\n\n");
    }

    public ByteBuffer heartbeat() {
        return heartbeat;
    }

    /** The cursor is of another topic or too old: drop state and reconnect without {@code Last-Event-ID}. */
    public ByteBuffer resync() {
        return resync;
    }

    public ByteBuffer snapshot(IssueScope scope, Detail detail, List<HeldView> views, int count, String id) {
        return block(event(SNAPSHOT, id, new Snapshot(issues.body(scope, detail, views, count))));
    }

    /**
     * What a client at an older position lacks, latest state per application: a {@code status}
     * for each application of {@code changed} the scope may concern ({@code application: null}
     * for one out of the scope or deleted), then the {@code summary} with the new position's id.
     */
    public ByteBuffer catchUp(IssueScope scope, Detail detail, List<LatestRecord> changed, int count, String id) {
        StringBuilder block = new StringBuilder();
        for (LatestRecord record : changed) {
            if (scope.includes(record.held())) {
                block.append(status(record.applicationId(), redactor.render(record.held().view(), detail), null));
            } else if (scope.mayHaveHeld(record.applicationId(), record.workspaceId())) {
                block.append(status(record.applicationId(), null, null));
            }
        }
        block.append(event(SUMMARY, id, new IssueSummary(count)));
        return block(block.toString());
    }

    /** A change's events for one scope and detail: its {@code status}, then the {@code summary} if the count moved. */
    public ByteBuffer change(ApplicationProvisioningView after, String applicationId, boolean included, Detail detail,
            Integer countAfter, String id) {
        ApplicationView application = included ? redactor.render(after, detail) : null;
        if (countAfter == null) {
            return block(status(applicationId, application, id));
        }
        return block(status(applicationId, application, null) + event(SUMMARY, id, new IssueSummary(countAfter)));
    }

    private String status(String applicationId, ApplicationView application, String id) {
        return event(STATUS, id, new StatusUpdate(applicationId, application));
    }

    private String event(String name, String id, StreamEventData data) {
        StringBuilder event = new StringBuilder("event:").append(name).append('\n');
        if (id != null) {
            event.append("id:").append(id).append('\n');
        }
        return event.append("data:").append(json.writeValueAsString(data)).append("\n\n").toString();
    }

    /** {@code first}, then {@code second}, as one block: one write for both. */
    static ByteBuffer joined(ByteBuffer first, ByteBuffer second) {
        return ByteBuffer.allocateDirect(first.remaining() + second.remaining())
                .put(first.duplicate()).put(second.duplicate()).flip().asReadOnlyBuffer();
    }

    /**
     * The text as a read-only view of direct memory: the socket takes it without a copy per
     * subscriber, and the memory is freed once no connection refers to it any more.
     */
    private static ByteBuffer block(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
    }
}
