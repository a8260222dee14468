package dev.provisioningstatus.notifier.delivery;

import dev.provisioningstatus.events.CheckedWebhookAddress;
import dev.provisioningstatus.events.EventJson;
import dev.provisioningstatus.events.WebhookAddressPolicy;
import dev.provisioningstatus.events.WebhookAddressRefused;
import dev.provisioningstatus.events.WebhookDeliveryAttempt;
import dev.provisioningstatus.events.WebhookDeliveryOutcome;
import dev.provisioningstatus.notifier.subscription.ActiveSubscription;
import dev.provisioningstatus.notifier.transition.ApplicationTransition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Delivers one transition to one subscription: attempts until one is answered 2xx or the attempts run out,
 * waiting the {@link Backoff} between them. Every attempt is recorded; after the last failed one the webhook
 * goes to the dead-letter topic. Each attempt is signed afresh (new timestamp), always with the transition's
 * id as {@code webhook-id}, so a receiver recognises a repeat. Before each attempt the URL is checked
 * against the address policy again, and the attempt connects to the addresses that check returned.
 */
public final class WebhookDelivery {

    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";

    private final WebhookSender sender;
    private final WebhookAddressPolicy policy;
    private final Backoff backoff;
    private final DeliveryRecords records;
    private final int maxAttempts;
    private final Clock clock;

    public WebhookDelivery(WebhookSender sender, WebhookAddressPolicy policy, Backoff backoff,
            DeliveryRecords records, int maxAttempts, Clock clock) {
        this.sender = sender;
        this.policy = policy;
        this.backoff = backoff;
        this.records = records;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
    }

    /** How the delivery ended: {@code delivered} or {@code dead_lettered}. */
    public WebhookDeliveryOutcome deliver(ApplicationTransition transition, ActiveSubscription subscription)
            throws InterruptedException {
        byte[] body = EventJson.MAPPER.writeValueAsBytes(WebhookEvent.of(transition, subscription.fullDetail()));
        for (int attempt = 1; ; attempt++) {
            Instant attemptedAt = clock.instant();
            long timestamp = attemptedAt.getEpochSecond();
            Map<String, String> headers = Map.of(
                    ID_HEADER, transition.id(),
                    TIMESTAMP_HEADER, Long.toString(timestamp),
                    SIGNATURE_HEADER, subscription.signature().sign(transition.id(), timestamp, body));
            AttemptResult result = attempt(subscription.url(), headers, body);
            WebhookDeliveryOutcome outcome = result.delivered() ? WebhookDeliveryOutcome.DELIVERED
                    : attempt >= maxAttempts ? WebhookDeliveryOutcome.DEAD_LETTERED : WebhookDeliveryOutcome.RETRYING;
            records.attempt(WebhookDeliveryAttempt.of(subscription.id(), transition.id(), transition.applicationId(),
                    transition.transition(), attempt, attemptedAt, result.statusCode(), result.latencyMs(),
                    result.error(), outcome));
            if (outcome == WebhookDeliveryOutcome.DEAD_LETTERED) {
                records.deadLetterDelivery(subscription.id(), transition.id(), body,
                        "no success after " + attempt + " attempts; last: " + result.error());
            }
            if (outcome != WebhookDeliveryOutcome.RETRYING) {
                return outcome;
            }
            Duration wait = backoff.after(attempt);
            Thread.sleep(wait.toMillis());
        }
    }

    private AttemptResult attempt(String url, Map<String, String> headers, byte[] body) {
        CheckedWebhookAddress address;
        try {
            address = policy.check(url);
        } catch (WebhookAddressRefused refused) {
            return AttemptResult.failed(0, "address refused: " + refused.getMessage());
        }
        return sender.post(address, headers, body);
    }
}
