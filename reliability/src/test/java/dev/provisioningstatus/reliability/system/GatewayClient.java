package dev.provisioningstatus.reliability.system;

import dev.provisioningstatus.events.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Plain HTTP against the running gateway, as any client would call it. */
public final class GatewayClient {

    /** One answer: status, content type and body text. */
    public record Answer(int status, String contentType, String body) {

        public JsonNode json() {
            return EventJson.MAPPER.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 600 ? body.substring(0, 600) + "…" : body);
        }
    }

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GatewayClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Answer get(String path, String token) {
        return send("GET", path, token, Map.of(), null, null);
    }

    public Answer postJson(String path, String token, Object body) {
        return send("POST", path, token, Map.of(), "application/json",
                body == null ? null : EventJson.MAPPER.writeValueAsBytes(body));
    }

    /** Any request; {@code token} and {@code body} may be null. */
    public Answer send(String method, String path, String token, Map<String, String> headers, String contentType,
            byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        // Every request on a connection of its own: a kept-alive connection in a state the client cannot see
        // (a body the server answered before reading it) must never swallow the next request. The pom allows
        // this otherwise restricted header (jdk.httpclient.allowRestrictedHeaders).
        request.header("Connection", "close");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens a stream and reads what arrives within {@code window} (at least the headers and the first
     * events), then disconnects: enough to learn the status and what the stream shows first.
     */
    public Answer openStream(String path, String token, Duration window) {
        return openStream(path, token, window, () -> { });
    }

    /**
     * As {@link #openStream(String, String, Duration)}, calling {@code opened} once the response headers
     * arrived: the gateway sends them only after the subscription is in place, so what happens after
     * {@code opened} reaches the stream.
     */
    public Answer openStream(String path, String token, Duration window, Runnable opened) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            // A connection of its own: a stream abandoned mid-response must never carry another request.
            HttpClient streamClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<InputStream> response = streamClient.send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            opened.run();
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            try (InputStream body = response.body()) {
                return new Answer(response.statusCode(), contentType,
                        readFor(body, window, !contentType.startsWith("text/event-stream")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reads until the window closes (a stream never ends by itself) or, for an error body, until its end. */
    private static String readFor(InputStream body, Duration window, boolean wholeBody) throws IOException {
        if (wholeBody) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder text = new StringBuilder();
        Thread reader = new Thread(() -> {
            char[] buffer = new char[8192];
            try (InputStreamReader characters = new InputStreamReader(body, StandardCharsets.UTF_8)) {
                for (int read; (read = characters.read(buffer)) >= 0; ) {
                    synchronized (text) {
                        text.append(buffer, 0, read);
                    }
                }
            } catch (IOException closed) {
                // the window closed the stream: what arrived so far is the answer
            }
        }, "stream-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            reader.join(window.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (text) {
            return text.toString();
        }
    }
}
