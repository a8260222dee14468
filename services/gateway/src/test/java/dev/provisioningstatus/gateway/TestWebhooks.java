package dev.provisioningstatus.gateway;

import dev.provisioningstatus.events.WebhookSecretCipher;
import dev.provisioningstatus.events.WebhookSubscription;
import dev.provisioningstatus.events.WebhookTransition;
import java.time.Instant;
import java.util.List;

/** The test gateway's webhook key and allowlist, and subscriptions as the gateway writes them. */
public final class TestWebhooks {

    /** base64 of 32 bytes; for tests only. */
    public static final String SECRET_KEY = "dGVzdC1vbmx5LXdlYmhvb2sta2V5LTMyLWJ5dGVzISE=";

    /** The one plain-http loopback receiver tests may subscribe; nothing ever listens there (discard port). */
    public static final String ALLOWED_RECEIVER = "127.0.0.1:9";
    public static final String RECEIVER_URL = "http://" + ALLOWED_RECEIVER + "/hooks";

    public static final WebhookSecretCipher CIPHER = WebhookSecretCipher.fromBase64Key(SECRET_KEY);

    private TestWebhooks() {
    }

    public static WebhookSubscription workspaceSubscription(String subscriptionId, String workspaceId) {
        return WebhookSubscription.forWorkspace(subscriptionId, workspaceId, RECEIVER_URL,
                List.of(WebhookTransition.FAILED), "test", CIPHER.encrypt("whsec_dGVzdA==", subscriptionId),
                Instant.parse("2026-12-01T00:00:00Z"), "test");
    }

    public static WebhookSubscription platformSubscription(String subscriptionId) {
        return WebhookSubscription.forPlatform(subscriptionId, RECEIVER_URL, List.of(WebhookTransition.FAILED),
                "test", CIPHER.encrypt("whsec_dGVzdA==", subscriptionId), Instant.parse("2026-12-01T00:00:00Z"),
                "test");
    }
}
