package dev.provisioningstatus.gateway.webhook;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook subscriptions ({@code provisioning.webhooks.*}).
 *
 * @param secretKey       base64 of the 32-byte AES key that encrypts signing secrets on
 *                        {@code notifications.subscriptions}; the notifier has the same one. Required.
 * @param allowedHosts    {@code host} or {@code host:port} entries that may be plain http and loopback (a local
 *                        demo receiver); empty in production
 * @param deliveryLogSize how many of its latest delivery attempts each subscription's log shows
 * @param visibleWithin   how long a write waits for this instance to have read it back, so the caller's next
 *                        read sees it
 */
@ConfigurationProperties("provisioning.webhooks")
public record WebhookProperties(
        String secretKey,
        @DefaultValue List<String> allowedHosts,
        @DefaultValue("20") int deliveryLogSize,
        @DefaultValue("5s") Duration visibleWithin) {

    @Override
    public String toString() {
        return "WebhookProperties[secretKey=" + (secretKey == null || secretKey.isBlank() ? "<unset>" : "<hidden>")
                + ", allowedHosts=" + allowedHosts + ", deliveryLogSize=" + deliveryLogSize + ", visibleWithin="
                + visibleWithin + "]";
    }
}
