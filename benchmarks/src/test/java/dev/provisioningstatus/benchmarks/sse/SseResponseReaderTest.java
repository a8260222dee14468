package dev.provisioningstatus.benchmarks.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader of one SSE response, fed the bytes of a whole response cut anywhere. */
class SseResponseReaderTest {

    private static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "transfer-encoding: chunked\r\n\r\n";
    /** Every kind of line the gateway writes, and some it does not: fields without data, comments, CRLF. */
    private static final String EVENTS = "retry:3000\n\nevent:snapshot\nid:abc.1.2\ndata:{\"a\":\"é\"}\n\n"
            + ": keep-alive\n\nevent: status\r\ndata: x\r\ndata:y\r\n\r\ndata:plain\n\nevent:summary\n\n";
    private static final List<String> READ = List.of("snapshot {\"a\":\"é\"}", "status x\ny", "message plain",
            "ended: the server ended the stream");

    @Test
    void everyEventArrivesWholeWhereverOneCutSplitsTheResponse() {
        byte[] response = chunked(EVENTS, 7, 1, 40, 3);
        for (int cut = 0; cut <= response.length; cut++) {
            assertThat(read(Arrays.copyOfRange(response, 0, cut), Arrays.copyOfRange(response, cut, response.length)))
                    .as("cut at byte %d", cut).isEqualTo(READ);
        }
    }

    @Test
    void everyEventArrivesWholeReadByteByByte() {
        byte[] response = chunked(EVENTS, 5, 64);
        byte[][] bytes = new byte[response.length][];
        for (int i = 0; i < response.length; i++) {
            bytes[i] = new byte[] {response[i]};
        }
        assertThat(read(bytes)).isEqualTo(READ);
    }

    @Test
    void chunkExtensionsAreReadPast() {
        byte[] response = (HEAD + "a;name=value\r\ndata:one\n\n\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(read(response)).containsExactly("message one", "ended: the server ended the stream");
    }

    @Test
    void aBodyWithoutChunksIsReadAsItComes() {
        byte[] response = ("HTTP/1.1 200 OK\r\n\r\nevent:status\ndata:1\n\ndata:2\n\n").getBytes(StandardCharsets.UTF_8);
        assertThat(read(response)).containsExactly("status 1", "message 2");
    }

    @Test
    void aResponseOtherThan200EndsWithItsStatusLine() {
        byte[] response = "HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(read(response)).containsExactly("ended: stream answered HTTP/1.1 403 Forbidden");
    }

    @Test
    void aChunkWithoutASizeEndsTheResponse() {
        byte[] response = (HEAD + "zz\r\ndata:1\n\n").getBytes(StandardCharsets.UTF_8);
        assertThat(read(response)).containsExactly("ended: a chunk without a size");
    }

    @Test
    void nothingIsReadOnceTheResponseEnded() {
        byte[] response = chunked("data:1\n\n");
        byte[] more = "5\r\ndata:\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(read(response, more)).containsExactly("message 1", "ended: the server ended the stream");
    }

    /** What the reader says, as {@code "<event> <data>"} and {@code "ended: <why>"}, fed {@code pieces} in turn. */
    private static List<String> read(byte[]... pieces) {
        List<String> seen = new ArrayList<>();
        SseResponseReader reader = new SseResponseReader(new SseResponseReader.Events() {
            @Override
            public void event(String event, String data, long receivedNanos) {
                seen.add(event + " " + data);
            }

            @Override
            public void ended(String why) {
                seen.add("ended: " + why);
            }
        });
        for (byte[] piece : pieces) {
            reader.feed(piece, piece.length, 0);
        }
        return seen;
    }

    /** The head, then {@code body} in chunks of the given sizes (the rest in one more), then the last chunk. */
    private static byte[] chunked(String body, int... sizes) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        response.writeBytes(HEAD.getBytes(StandardCharsets.US_ASCII));
        int from = 0;
        for (int i = 0; from < bytes.length; i++) {
            int to = i < sizes.length ? Math.min(bytes.length, from + sizes[i]) : bytes.length;
            response.writeBytes((Integer.toHexString(to - from) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            response.write(bytes, from, to - from);
            response.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            from = to;
        }
        response.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return response.toByteArray();
    }
}
