package dev.provisioningstatus.benchmarks.sse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One SSE response read as its bytes arrive, however they are split: the response head, then the body's
 * HTTP/1.1 chunks (or the body as it comes, without {@code Transfer-Encoding: chunked}), and within them the
 * text/event-stream syntax, enough of it: fields {@code event} and {@code data}, lines ended by LF or CRLF, a
 * blank line ends an event, an event without data is not one. Other fields and comments are read past.
 *
 * <p>Only a complete event's name and data become strings, made per event rather than kept in fields: tens of
 * thousands of these live as long as their connections, and a young string stored in an old object per delivery
 * kept the collector's refinement threads busy; garbage per line made the driver pause in the middle of the
 * deliveries it was timing. One reader per connection, fed from one thread.
 */
final class SseResponseReader {

    /** What the response says, as it is read. */
    interface Events {

        void event(String event, String data, long receivedNanos);

        /** The response is over ({@code why}): not 200, the server ended it, or its framing is broken. */
        void ended(String why);
    }

    private static final byte[] EVENT = "event:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

    private enum Part { HEAD, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, BODY }

    private final Events events;
    private Part part = Part.HEAD;
    private final List<String> head = new ArrayList<>();
    private long chunkLeft;
    private int chunkSizeDigits;
    private boolean chunkExtension;
    /** The response head's current line, then the current event's lines so far, each ended by LF. */
    private byte[] line = new byte[256];
    private int length;
    private int lineStart;
    private boolean ended;

    SseResponseReader(Events events) {
        this.events = events;
    }

    /** Reads {@code count} bytes of {@code bytes}, received at {@code now} ({@link System#nanoTime()}). */
    void feed(byte[] bytes, int count, long now) {
        int i = 0;
        while (i < count && !ended) {
            switch (part) {
                case HEAD -> {
                    byte b = bytes[i++];
                    if (b == '\n') {
                        headLine();
                    } else if (b != '\r') {
                        append(b);
                    }
                }
                case CHUNK_SIZE -> chunkSize(bytes[i++]);
                case CHUNK_DATA -> {
                    int end = (int) Math.min(count, i + chunkLeft);
                    chunkLeft -= end - i;
                    body(bytes, i, end, now);
                    i = end;
                    if (chunkLeft == 0) {
                        part = Part.CHUNK_END;
                    }
                }
                case CHUNK_END -> {
                    if (bytes[i++] == '\n') {
                        part = Part.CHUNK_SIZE;
                    }
                }
                case BODY -> {
                    body(bytes, i, count, now);
                    i = count;
                }
            }
        }
    }

    private void end(String why) {
        ended = true;
        events.ended(why);
    }

    /** A line of the response head; the blank one ends it. */
    private void headLine() {
        if (length > 0) {
            head.add(new String(line, 0, length, StandardCharsets.US_ASCII));
            length = 0;
            return;
        }
        String status = head.isEmpty() ? "" : head.get(0);
        if (!status.matches("HTTP/1\\.1 200( .*)?")) {
            end("stream answered " + status);
            return;
        }
        boolean chunked = head.stream().anyMatch(header -> header.toLowerCase(Locale.ROOT).matches(
                "transfer-encoding:\\s*chunked\\s*"));
        part = chunked ? Part.CHUNK_SIZE : Part.BODY;
        head.clear();
    }

    /** The chunk's size in hex, read digit by digit: an SSE line may be half read into {@code line}. */
    private void chunkSize(byte b) {
        if (b == '\n') {
            if (chunkSizeDigits == 0) {
                end("a chunk without a size");
            } else if (chunkLeft == 0) {
                end("the server ended the stream");
            } else {
                part = Part.CHUNK_DATA;
            }
            chunkSizeDigits = 0;
            chunkExtension = false;
        } else if (b == ';') {
            chunkExtension = true;
        } else if (!chunkExtension && Character.digit(b, 16) >= 0) {
            chunkLeft = chunkLeft * 16 + Character.digit(b, 16);
            chunkSizeDigits++;
        }
    }

    private void body(byte[] bytes, int from, int to, long now) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                endOfLine(now);
            } else if (b != '\r') {
                append(b);
            }
        }
    }

    private void append(byte b) {
        if (length == line.length) {
            line = Arrays.copyOf(line, length * 2);
        }
        line[length++] = b;
    }

    /** A line ends: a blank one ends the event. */
    private void endOfLine(long now) {
        if (length > lineStart) {
            append((byte) '\n');
            lineStart = length;
            return;
        }
        dispatch(now);
        length = 0;
        lineStart = 0;
    }

    private void dispatch(long now) {
        String event = "message";
        StringBuilder data = null;
        for (int from = 0, to; from < length; from = to + 1) {
            to = from;
            while (line[to] != '\n') {
                to++;
            }
            if (startsWith(from, to, EVENT)) {
                event = new String(line, from + EVENT.length, to - from - EVENT.length, StandardCharsets.UTF_8)
                        .strip();
            } else if (startsWith(from, to, DATA)) {
                int value = from + DATA.length + (to > from + DATA.length && line[from + DATA.length] == ' ' ? 1 : 0);
                data = data == null ? new StringBuilder(to - value) : data.append('\n');
                data.append(new String(line, value, to - value, StandardCharsets.UTF_8));
            }
        }
        if (data != null) {
            events.event(event, data.toString(), now);
        }
    }

    private boolean startsWith(int from, int to, byte[] field) {
        return to - from >= field.length && Arrays.equals(line, from, from + field.length, field, 0, field.length);
    }
}
