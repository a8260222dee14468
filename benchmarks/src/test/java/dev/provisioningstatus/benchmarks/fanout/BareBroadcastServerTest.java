package dev.provisioningstatus.benchmarks.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.benchmarks.sse.SseSubscribers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fan-out floor's server, on loopback, read by the driver's own SSE client. */
class BareBroadcastServerTest {

    private final BareBroadcastServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    BareBroadcastServerTest() throws InterruptedException {
        server = new BareBroadcastServer(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aBroadcastReachesEveryOpenStreamAsItWasPosted() throws Exception {
        try (SseSubscribers streams = subscribers()) {
            for (int i = 0; i < 3; i++) {
                streams.open(i, "/stream", "unused", null);
            }
            await().until(() -> streams.snapshots() == 3);

            assertThat(post("/broadcast", "event:status\nid:7\ndata:{\"version\":1}\n\n")).isEqualTo(204);

            await().until(() -> received.size() == 3);
            assertThat(received).containsOnly("status {\"version\":1}");
            assertThat(streams.failures()).isZero();
        }
    }

    @Test
    void aClosedStreamLeavesTheServersStreams() {
        try (SseSubscribers streams = subscribers()) {
            streams.open(0, "/stream", "unused", null);
            await().until(() -> server.streams() == 1);
        }
        await().until(() -> server.streams() == 0);
    }

    @Test
    void anyOtherRequestIsNotFound() throws Exception {
        assertThat(post("/stream", "")).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(uri("/broadcast")).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(404);
    }

    private SseSubscribers subscribers() {
        return new SseSubscribers("http://127.0.0.1:" + server.port(), 0, 1,
                (subscriber, event, data, at) -> {
                    if (!"snapshot".equals(event)) {
                        received.add(event + " " + data);
                    }
                });
    }

    private int post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
