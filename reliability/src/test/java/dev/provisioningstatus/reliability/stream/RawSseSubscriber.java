package dev.provisioningstatus.reliability.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A subscriber on a raw socket with a tiny receive window, so that when it stops reading (a frozen
 * tab, a stalled proxy) the gateway's writes to it stall at once; it can read again later, and
 * then parses what it gets (chunked framing, SSE events) into a widget's state.
 */
final class RawSseSubscriber implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final IssueState state = new IssueState();
    private final StringBuilder text = new StringBuilder();
    private int resyncs;
    private boolean ended;

    RawSseSubscriber(String baseUrl, String path, String token) throws IOException {
        URI uri = URI.create(baseUrl);
        socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nAuthorization: Bearer " + token + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in = socket.getInputStream();
        String head = line("\r\n\r\n");
        assertThat(head).as("the subscriber's stream opened").startsWith("HTTP/1.1 200");
    }

    /** Reads what has arrived, waiting at most {@code quietMillis} for more, and applies every whole event. */
    void read(int quietMillis) throws IOException {
        socket.setSoTimeout(quietMillis);
        try {
            while (!ended) {
                int size = Integer.parseInt(line("\r\n").strip(), 16);
                if (size == 0) {
                    ended = true;
                    break;
                }
                text.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
                line("\r\n");
                applyWholeEvents();
            }
        } catch (SocketTimeoutException quiet) {
            // nothing more for now
        }
    }

    IssueState state() {
        return state;
    }

    int resyncs() {
        return resyncs;
    }

    private void applyWholeEvents() {
        int end;
        while ((end = text.indexOf("\n\n")) >= 0) {
            String block = text.substring(0, end);
            text.delete(0, end + 2);
            List<String> lines = new ArrayList<>(List.of(block.split("\n")));
            String type = null;
            String id = null;
            String data = null;
            for (String line : lines) {
                if (line.startsWith("event:")) {
                    type = line.substring(6);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3);
                } else if (line.startsWith("data:")) {
                    data = line.substring(5);
                }
            }
            if (type != null && !state.apply(new SseConnection.Event(id, type, EventJson.MAPPER.readTree(data)))) {
                resyncs++;
            }
        }
    }

    /** Bytes up to and including {@code terminator}, as text. */
    private String line(String terminator) throws IOException {
        StringBuilder line = new StringBuilder();
        while (line.length() < terminator.length() || !line.substring(line.length() - terminator.length())
                .equals(terminator)) {
            int next = in.read();
            if (next < 0) {
                ended = true;
                throw new IOException("the stream closed after: " + line);
            }
            line.append((char) next);
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
