package dev.provisioningstatus.reliability.stream;

import dev.provisioningstatus.events.EventJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * One connection to an SSE stream, as a browser's {@code EventSource} holds it: parsed events in
 * arrival order, and a close that can come at any moment (a network drop, a closed laptop lid).
 */
final class SseConnection implements AutoCloseable {

    record Event(String id, String type, JsonNode data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile InputStream body;
    private volatile boolean closed;
    private volatile String failure;

    SseConnection(String url, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        reader = new Thread(() -> read(request.build()), "sse-connection");
        reader.setDaemon(true);
        reader.start();
    }

    /** The next event, or {@code null} if none arrives within {@code wait}. */
    Event next(Duration wait) throws InterruptedException {
        Event event = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null && failure != null) {
            throw new IllegalStateException("the stream failed: " + failure);
        }
        return event;
    }

    private void read(HttpRequest request) {
        try {
            // A connection of its own, so an abandoned stream never carries another request.
            HttpResponse<InputStream> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request, HttpResponse.BodyHandlers.ofInputStream());
            body = response.body();
            if (response.statusCode() != 200) {
                failure = "status " + response.statusCode();
                body.close();
                return;
            }
            if (closed) {
                body.close();
                return;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String id = null;
            String type = "message";
            StringBuilder data = new StringBuilder();
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, type, EventJson.MAPPER.readTree(data.toString())));
                    }
                    id = null;
                    type = "message";
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                failure = e.toString();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        InputStream open = body;
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // already gone: that is what closing wanted
            }
        }
        reader.interrupt();
    }
}
