package dev.provisioningstatus.gateway.stream;

import dev.provisioningstatus.gateway.view.ViewPosition;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SSE event's opaque {@code id}: the position in {@code provisioning.status} whose state the
 * client holds once it has this event (the topic's id, then per partition the next offset), and
 * when it was issued (to tell a cursor older than the topic's tombstone retention). Every gateway
 * instance reads the same log, so any of them can resume from it, after any restart.
 *
 * <p>Encoded as {@code <topic id>.<issued, epoch seconds>.<offset>.<offset>…}, numbers in base 36.
 * Only {@code [0-9A-Za-z._-]} appears: nothing a client sends back can smuggle CR/LF or other
 * SSE syntax.
 */
public record EventCursor(ViewPosition position, Instant issuedAt) {

    /** At most this many partitions; a longer id is no cursor of ours. */
    static final int MAX_PARTITIONS = 1024;

    private static final Pattern SHAPE = Pattern.compile(
            "([0-9A-Za-z_-]{22})\\.([0-9a-z]{1,12})((?:\\.[0-9a-z]{1,12}){1," + MAX_PARTITIONS + "})");

    public String encode() {
        StringBuilder id = new StringBuilder(position.topicId()).append('.')
                .append(Long.toString(issuedAt.getEpochSecond(), 36));
        for (int partition = 0; partition < position.partitions(); partition++) {
            id.append('.').append(Long.toString(position.nextOffset(partition), 36));
        }
        return id.toString();
    }

    /** The cursor a client sent back; empty when it is not one this format produces. */
    public static Optional<EventCursor> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Matcher matcher = SHAPE.matcher(id);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String[] offsets = matcher.group(3).substring(1).split("\\.");
        long[] nextOffsets = new long[offsets.length];
        for (int partition = 0; partition < offsets.length; partition++) {
            nextOffsets[partition] = Long.parseLong(offsets[partition], 36);
        }
        return Optional.of(new EventCursor(new ViewPosition(matcher.group(1), nextOffsets),
                Instant.ofEpochSecond(Long.parseLong(matcher.group(2), 36))));
    }
}
