package dev.provisioningstatus.devstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo receiver over real HTTP on loopback. */
class DemoWebhookReceiverTest {

    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String BODY = "{\"specversion\":\"1.0\",\"type\":\"dev.provisioningstatus.failed\","
            + "\"subject\":\"orders-api\",\"data\":{}}";

    private final DemoWebhookReceiver receiver = DemoWebhookReceiver.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(receiver.hostAndPort()).startsWith("127.0.0.1:");
        assertThat(receiver.deliveryUrl()).startsWith("http://127.0.0.1:").endsWith("/webhooks");
    }

    @Test
    void aDeliverySignedWithTheSubscriptionsSecretVerifies() throws Exception {
        receiver.useSecret(SECRET);

        int status = deliver("msg_1", "1765000000", signature(SECRET, "msg_1", "1765000000", BODY));

        assertThat(status).isEqualTo(204);
        assertThat(receiver.deliveries()).singleElement().satisfies(delivery -> {
            assertThat(delivery.signatureVerifies()).isTrue();
            assertThat(delivery.webhookId()).isEqualTo("msg_1");
            assertThat(delivery.type()).isEqualTo("dev.provisioningstatus.failed");
            assertThat(delivery.subject()).isEqualTo("orders-api");
        });
    }

    @Test
    void aDeliverySignedWithAnotherSecretIsShownAsNotVerifying() throws Exception {
        receiver.useSecret(SECRET);
        String other = "whsec_" + Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
                12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24});

        deliver("msg_2", "1765000000", signature(other, "msg_2", "1765000000", BODY));

        assertThat(receiver.deliveries()).singleElement()
                .satisfies(delivery -> assertThat(delivery.signatureVerifies()).isFalse());
    }

    @Test
    void thePageShowsEachDeliveryAndItsCheck() throws Exception {
        receiver.useSecret(SECRET);
        deliver("msg_3", "1765000000", signature(SECRET, "msg_3", "1765000000", BODY));

        String page = http.send(HttpRequest.newBuilder(URI.create(receiver.url())).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(page).contains("msg_3", "orders-api", "✓ verifies");
    }

    private int deliver(String id, String timestamp, String signature) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(receiver.deliveryUrl()))
                .header("content-type", "application/cloudevents+json")
                .header("webhook-id", id).header("webhook-timestamp", timestamp).header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String signature(String secret, String id, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body)
                .getBytes(StandardCharsets.UTF_8)));
    }
}
