package dev.provisioningstatus.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.WebhookDeliveryAttempt;
import dev.provisioningstatus.events.WebhookDeliveryOutcome;
import dev.provisioningstatus.events.WebhookTransition;
import dev.provisioningstatus.gateway.TestWebhooks;
import java.time.Instant;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class WebhookIndexTest {

    private static final String HOOK = "c0c0c0c0-0000-4000-8000-000000000001";

    private final WebhookIndex index = new WebhookIndex(3);

    @Test
    void aTombstoneDeletesTheSubscriptionAndForgetsItsLog() {
        index.apply(HOOK, TestWebhooks.workspaceSubscription(HOOK, "acme"));
        index.apply(attempt(1, WebhookDeliveryOutcome.RETRYING));

        index.apply(HOOK, null);

        assertThat(index.find(HOOK)).isEmpty();
        assertThat(index.attempts(HOOK)).isEmpty();
    }

    @Test
    void theLogKeepsTheLatestAttemptsNewestFirst() {
        for (int attempt = 1; attempt <= 5; attempt++) {
            index.apply(attempt(attempt, WebhookDeliveryOutcome.RETRYING));
        }

        assertThat(index.attempts(HOOK)).extracting(WebhookDeliveryAttempt::attempt).containsExactly(5, 4, 3);
    }

    @Test
    void aSubscriptionIsFailingWhileItsLatestDeliveryIsDeadLettered() {
        index.apply(attempt(1, WebhookDeliveryOutcome.DEAD_LETTERED));
        assertThat(index.isFailing(HOOK)).isTrue();

        index.apply(attempt(1, WebhookDeliveryOutcome.DELIVERED));
        assertThat(index.isFailing(HOOK)).isFalse();
    }

    @Test
    void aSubscriptionWithoutDeliveriesIsNotFailing() {
        assertThat(index.isFailing(HOOK)).isFalse();
    }

    @Test
    void aRecordIsReadOnceThePositionPassedIt() {
        TopicPartition partition = new TopicPartition("notifications.subscriptions", 1);

        index.readUpTo(partition, 8);

        assertThat(index.hasRead(partition, 7)).isTrue();
        assertThat(index.hasRead(partition, 8)).isFalse();
        assertThat(index.hasRead(new TopicPartition("notifications.subscriptions", 0), 0)).isFalse();
    }

    private static WebhookDeliveryAttempt attempt(int attempt, WebhookDeliveryOutcome outcome) {
        return WebhookDeliveryAttempt.of(HOOK, "0b7d1f6a-0000-4000-8000-000000000001", "orders-api",
                WebhookTransition.FAILED, attempt, Instant.parse("2026-12-01T00:00:00Z").plusSeconds(attempt), 500, 10,
                "HTTP 500", outcome);
    }
}
