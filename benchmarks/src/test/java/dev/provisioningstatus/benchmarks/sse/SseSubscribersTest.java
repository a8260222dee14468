package dev.provisioningstatus.benchmarks.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The driver's SSE client against a real HTTP/1.1 server on loopback (the JDK's), over real sockets: how the
 * bytes are cut is {@link SseResponseReaderTest}'s concern, what a connection does is this one's.
 */
class SseSubscribersTest {

    private final HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> requestHeaders = new ConcurrentHashMap<>();
    private final CountDownLatch testOver = new CountDownLatch(1);
    private final ExecutorService handlers = Executors.newCachedThreadPool();

    SseSubscribersTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // A held stream keeps its handler's thread: one thread per exchange.
        server.setExecutor(handlers);
        server.start();
    }

    @AfterEach
    void stopServer() {
        testOver.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    @Test
    void eventsWrittenInPiecesArriveWholeWithTheirSubscriber() {
        streams("/split", Ending.HELD, "event:snapshot\nda", "ta:{\"a\":1}\n", "\nevent: status\r\ndata: x\ndata:y\n\n");

        try (SseSubscribers subscribers = subscribe("/split", null)) {
            await().until(() -> received.size() == 2);
            assertThat(received).containsExactly("7 snapshot {\"a\":1}", "7 status x\ny");
            assertThat(subscribers.snapshots()).isEqualTo(1);
            assertThat(subscribers.failures()).isZero();
        }
    }

    @Test
    void theRequestCarriesTheTokenTheMediaTypeAndTheCursor() {
        streams("/headers", Ending.HELD, "event:snapshot\ndata:{}\n\n");

        try (SseSubscribers subscribers = subscribe("/headers", "cursor.1-2")) {
            await().until(() -> subscribers.snapshots() == 1);
            assertThat(requestHeaders).containsEntry("Authorization", "Bearer token-7")
                    .containsEntry("Accept", "text/event-stream").containsEntry("Last-event-id", "cursor.1-2");
        }
    }

    @Test
    void aStreamAnsweredOtherwiseThan200IsAFailureWithItsStatus() {
        server.createContext("/forbidden", exchange -> {
            exchange.sendResponseHeaders(403, -1);
            exchange.close();
        });

        try (SseSubscribers subscribers = subscribe("/forbidden", null)) {
            await().until(() -> subscribers.failures() == 1);
            assertThat(subscribers.lastFailure()).contains("403");
            assertThat(subscribers.snapshots()).isZero();
        }
    }

    @Test
    void aStreamTheServerEndsIsAFailure() {
        streams("/ended", Ending.ENDED, "event:snapshot\ndata:{}\n\n");

        try (SseSubscribers subscribers = subscribe("/ended", null)) {
            await().until(() -> subscribers.failures() == 1);
            assertThat(subscribers.snapshots()).isEqualTo(1);
            assertThat(subscribers.lastFailure()).contains("ended");
        }
    }

    @Test
    void aListenerThatThrowsEndsOnlyItsOwnStream() {
        streams("/throwing", Ending.HELD, "event:snapshot\ndata:{}\n\n");
        SseSubscribers subscribers = new SseSubscribers(baseUrl(), 0, 1,
                (subscriber, event, data, receivedNanos) -> {
                    if (subscriber == 1) {
                        throw new IllegalStateException("listener failed");
                    }
                    received.add(subscriber + " " + event);
                });

        try (subscribers) {
            subscribers.open(1, "/throwing", "token-1", null);
            subscribers.open(2, "/throwing", "token-2", null);
            await().until(() -> subscribers.failures() == 1 && received.size() == 1);
            assertThat(subscribers.lastFailure()).contains("listener failed");
            assertThat(received).containsExactly("2 snapshot");
        }
    }

    @Test
    void aStreamNobodyAnswersIsAFailure() {
        server.stop(0);

        try (SseSubscribers subscribers = subscribe("/gone", null)) {
            await().until(() -> subscribers.failures() == 1);
            assertThat(subscribers.lastFailure()).contains("refused");
        }
    }

    private SseSubscribers subscribe(String path, String cursor) {
        SseSubscribers subscribers = new SseSubscribers(baseUrl(), 0, 1,
                (subscriber, event, data, receivedNanos) -> received.add(subscriber + " " + event + " " + data));
        subscribers.open(7, path, "token-7", cursor);
        return subscribers;
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private enum Ending { HELD, ENDED }

    /** Answers 200 with a chunked body, one chunk per piece; then holds it open until the test is over, or ends it. */
    private void streams(String path, Ending ending, String... pieces) {
        server.createContext(path, exchange -> {
            exchange.getRequestHeaders().forEach((name, values) -> requestHeaders.put(name, values.get(0)));
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                for (String piece : pieces) {
                    body.write(piece.getBytes(StandardCharsets.UTF_8));
                    body.flush();
                }
                if (ending == Ending.HELD) {
                    awaitTestOver();
                }
            }
            exchange.close();
        });
    }

    private void awaitTestOver() {
        try {
            testOver.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
