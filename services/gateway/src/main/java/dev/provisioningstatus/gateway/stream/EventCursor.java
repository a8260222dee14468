package dev.provisioningstatus.gateway.stream;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Position of an SSE event in this gateway's change sequence, encoded as the event's opaque
 * {@code id}: the gateway's epoch (random per process, so a cursor from another instance or
 * before a restart is recognised), the change's sequence number and the event's part within the
 * change ({@link #STATUS} then {@link #SUMMARY}). A snapshot at sequence {@code n} is positioned
 * at {@code (n, SUMMARY)}: everything through change {@code n} is in it.
 */
public record EventCursor(long epoch, long sequence, int part) {

    public static final int STATUS = 1;
    public static final int SUMMARY = 2;

    // Only [0-9a-z.]: nothing a client sends back can smuggle CR/LF or other SSE syntax.
    private static final Pattern SHAPE = Pattern.compile("[0-9a-z]{1,13}\\.[0-9a-z]{1,13}\\.[12]");

    public EventCursor {
        if (epoch < 0 || sequence < 0 || part < STATUS || part > SUMMARY) {
            throw new IllegalArgumentException("not a cursor: " + epoch + "/" + sequence + "/" + part);
        }
    }

    public String encode() {
        return Long.toString(epoch, 36) + "." + Long.toString(sequence, 36) + "." + part;
    }

    /** The cursor a client sent back; empty when absent or not one this format produces. */
    public static Optional<EventCursor> parse(String id) {
        if (id == null || !SHAPE.matcher(id).matches()) {
            return Optional.empty();
        }
        String[] parts = id.split("\\.");
        try {
            return Optional.of(new EventCursor(Long.parseLong(parts[0], 36), Long.parseLong(parts[1], 36),
                    Integer.parseInt(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
