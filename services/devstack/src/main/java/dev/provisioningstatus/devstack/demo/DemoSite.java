package dev.provisioningstatus.devstack.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.provisioningstatus.devstack.broker.KraftBroker;
import dev.provisioningstatus.events.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The demo host page: it plays the platform's web app that embeds the widget from the gateway,
 * hands out demo tokens, and lets you take the stage cluster down and up. Devstack only.
 */
public final class DemoSite implements AutoCloseable {

    private final HttpServer server;
    private final String page;
    private final DemoTokens tokens;
    private final KraftBroker stageCluster;

    private DemoSite(HttpServer server, String page, DemoTokens tokens, KraftBroker stageCluster) {
        this.server = server;
        this.page = page;
        this.tokens = tokens;
        this.stageCluster = stageCluster;
    }

    public static DemoSite start(int port, String gatewayUrl, String webhookReceiverUrl, DemoTokens tokens,
            KraftBroker stageCluster) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            String page = resource("/demo/index.html").replace("{{GATEWAY_URL}}", gatewayUrl)
                    .replace("{{WEBHOOK_RECEIVER_URL}}", webhookReceiverUrl);
            DemoSite site = new DemoSite(server, page, tokens, stageCluster);
            server.createContext("/", site::route);
            server.setExecutor(Executors.newFixedThreadPool(2));
            server.start();
            return site;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo site on port " + port, e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("/")) {
                send(exchange, 200, "text/html; charset=utf-8", page);
            } else if (method.equals("GET") && path.equals("/demo/users")) {
                sendJson(exchange, 200, DemoTokens.USERS);
            } else if (method.equals("GET") && path.equals("/demo/token")) {
                String user = queryParameter(exchange.getRequestURI(), "user");
                tokens.tokenFor(user).ifPresentOrElse(
                        token -> sendJson(exchange, 200, Map.of("token", token)),
                        () -> sendJson(exchange, 404, Map.of("error", "unknown demo user")));
            } else if (method.equals("GET") && path.equals("/demo/clusters/stage")) {
                sendJson(exchange, 200, Map.of("running", stageCluster.isRunning()));
            } else if (method.equals("POST") && path.equals("/demo/clusters/stage/start")) {
                stageCluster.startProcess();
                sendJson(exchange, 200, Map.of("running", stageCluster.isRunning()));
            } else if (method.equals("POST") && path.equals("/demo/clusters/stage/stop")) {
                stageCluster.stopProcess();
                sendJson(exchange, 200, Map.of("running", stageCluster.isRunning()));
            } else {
                sendJson(exchange, 404, Map.of("error", "not found"));
            }
        }
    }

    private static String queryParameter(URI uri, String name) {
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        for (String pair : query.split("&")) {
            List<String> parts = List.of(pair.split("=", 2));
            if (parts.size() == 2 && parts.get(0).equals(name)) {
                return parts.get(1);
            }
        }
        return "";
    }

    private static void sendJson(HttpExchange exchange, int status, Object body) {
        send(exchange, status, "application/json", EventJson.MAPPER.writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = DemoSite.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
