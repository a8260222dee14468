package dev.provisioningstatus.reliability.notifications;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on loopback that takes a little while to answer 204, so that deliveries are in
 * flight whenever the notifier is killed; it keeps every request, in the order they arrived.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request: its {@code webhook-id} header, the receiver's path (the subscription) and body. */
    record Receipt(String webhookId, String path, String body) {
    }

    private final HttpServer server;
    private final Duration answerDelay;
    private final List<Receipt> receipts = new CopyOnWriteArrayList<>();
    /** Answers each request once its delay has passed; the server's threads go back to reading requests. */
    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();

    WebhookReceiver(Duration answerDelay) {
        this.answerDelay = answerDelay;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Receipt> receipts() {
        return List.copyOf(receipts);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        receipts.add(new Receipt(exchange.getRequestHeaders().getFirst("webhook-id"),
                exchange.getRequestURI().getPath(), body));
        answers.schedule(() -> answer(exchange), answerDelay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static void answer(HttpExchange exchange) {
        try {
            exchange.sendResponseHeaders(204, -1);
        } catch (IOException notifierWentAway) {
            // killed while its delivery was in flight: that is what the test does
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        answers.shutdownNow();
    }
}
