package dev.provisioningstatus.devstack.demo;

import dev.provisioningstatus.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Subscribes the demo receiver to every application's transitions through the gateway's public API, as an
 * admin would, and hands it the signing secret the gateway shows this once.
 */
public final class DemoWebhookSubscription {

    private DemoWebhookSubscription() {
    }

    public static void subscribe(String gatewayUrl, String adminToken, DemoWebhookReceiver receiver) {
        Map<String, Object> body = Map.of(
                "url", receiver.deliveryUrl(),
                "transitions", List.of("failed", "partial", "recovered"),
                "description", "devstack demo receiver");
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/admin/webhooks"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.MAPPER.writeValueAsBytes(body)))
                .build();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("subscribing the demo receiver answered " + response.statusCode()
                        + ": " + response.body());
            }
            receiver.useSecret(EventJson.MAPPER.readTree(response.body()).path("secret").asString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot subscribe the demo receiver: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
