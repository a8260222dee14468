package dev.provisioningstatus.devstack;

import dev.provisioningstatus.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** Reads a real text/event-stream over HTTP, as a browser would, and hands out parsed events. */
final class SseTestClient implements AutoCloseable {

    record SseEvent(String id, String event, JsonNode data) {
    }

    private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile Stream<String> lines;
    private volatile String failure = "";

    SseTestClient(String url, String bearerToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + bearerToken)
                .header("Accept", "text/event-stream")
                .build();
        reader = new Thread(() -> read(request), "sse-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits for the first event that matches; fails the test with what did arrive if none does. */
    SseEvent await(Predicate<SseEvent> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            SseEvent next = events.poll(200, TimeUnit.MILLISECONDS);
            if (next != null) {
                if (matching.test(next)) {
                    return next;
                }
                seen.append('\n').append(next);
            }
        }
        throw new AssertionError("no matching SSE event within " + timeout + failure + "; received:" + seen);
    }

    private void read(HttpRequest request) {
        try {
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("stream answered " + response.statusCode());
            }
            lines = response.body();
            String id = null;
            String event = "message";
            StringBuilder data = new StringBuilder();
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new SseEvent(id, event, EventJson.MAPPER.readTree(data.toString())));
                    }
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = " (the stream ended: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (lines != null) {
            lines.close();
        }
        reader.interrupt();
    }
}
