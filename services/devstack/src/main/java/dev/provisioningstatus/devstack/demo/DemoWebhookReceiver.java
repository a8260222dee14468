package dev.provisioningstatus.devstack.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.provisioningstatus.events.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A webhook receiver on loopback for the devstack: it answers every delivery 204, keeps the latest ones and
 * shows them on a page with whether each one's Standard Webhooks signature verifies with the secret the
 * devstack got when it subscribed this receiver. Devstack only: the one host its gateway's allowlist admits.
 */
public final class DemoWebhookReceiver implements AutoCloseable {

    static final int KEPT = 100;
    private static final String DELIVERY_PATH = "/webhooks";

    private final HttpServer server;
    private final Deque<ReceivedDelivery> deliveries = new ArrayDeque<>();
    private volatile String secret;

    /** One delivery as it arrived. */
    public record ReceivedDelivery(Instant receivedAt, String webhookId, String webhookTimestamp, String type,
            String subject, String body, boolean signatureVerifies) {
    }

    private DemoWebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static DemoWebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            DemoWebhookReceiver receiver = new DemoWebhookReceiver(server);
            server.createContext("/", receiver::route);
            server.setExecutor(Executors.newFixedThreadPool(2));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo webhook receiver", e);
        }
    }

    /** The {@code host:port} entry of the gateway's and the notifier's allowlist. */
    public String hostAndPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** What the demo subscription delivers to. */
    public String deliveryUrl() {
        return "http://" + hostAndPort() + DELIVERY_PATH;
    }

    /** The page that shows the deliveries. */
    public String url() {
        return "http://" + hostAndPort() + "/";
    }

    /** The signing secret of the demo subscription, as the gateway showed it once. */
    public void useSecret(String secret) {
        this.secret = secret;
    }

    /** The latest deliveries, newest first. */
    public List<ReceivedDelivery> deliveries() {
        synchronized (deliveries) {
            return new ArrayList<>(deliveries);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("POST") && path.equals(DELIVERY_PATH)) {
                receive(exchange);
                exchange.sendResponseHeaders(204, -1);
            } else if (method.equals("GET") && path.equals("/deliveries")) {
                send(exchange, "application/json", EventJson.MAPPER.writeValueAsString(deliveries()));
            } else if (method.equals("GET") && path.equals("/")) {
                send(exchange, "text/html; charset=utf-8", DemoWebhookPage.render(deliveries(), secret != null));
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        boolean verifies = StandardWebhookSignature.verifies(secret, webhookId, timestamp, body,
                exchange.getRequestHeaders().getFirst("webhook-signature"));
        JsonNode event = cloudEvent(body);
        ReceivedDelivery delivery = new ReceivedDelivery(Instant.now(), webhookId, timestamp,
                event.path("type").asString(""), event.path("subject").asString(""),
                new String(body, StandardCharsets.UTF_8), verifies);
        synchronized (deliveries) {
            deliveries.addFirst(delivery);
            while (deliveries.size() > KEPT) {
                deliveries.removeLast();
            }
        }
    }

    private static JsonNode cloudEvent(byte[] body) {
        try {
            JsonNode event = EventJson.MAPPER.readTree(body);
            return event == null ? EventJson.MAPPER.createObjectNode() : event;
        } catch (JacksonException notJson) {
            return EventJson.MAPPER.createObjectNode();
        }
    }

    private static void send(HttpExchange exchange, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
