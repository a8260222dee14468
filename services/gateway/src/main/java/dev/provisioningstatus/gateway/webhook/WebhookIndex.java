package dev.provisioningstatus.gateway.webhook;

import dev.provisioningstatus.events.WebhookDeliveryAttempt;
import dev.provisioningstatus.events.WebhookDeliveryOutcome;
import dev.provisioningstatus.events.WebhookSubscription;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * What this instance has read of {@code notifications.subscriptions} (every live subscription) and of
 * {@code notifications.deliveries} (the latest attempts of each subscription), fed by {@link WebhookFeed}.
 */
public final class WebhookIndex {

    private final Map<String, WebhookSubscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Deque<WebhookDeliveryAttempt>> attempts = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> readUpTo = new ConcurrentHashMap<>();
    private final int logSize;

    public WebhookIndex(int logSize) {
        this.logSize = logSize;
    }

    /** A subscription as recorded, or its deletion ({@code null}: a tombstone), which also forgets its log. */
    public void apply(String subscriptionId, WebhookSubscription subscription) {
        if (subscription == null) {
            subscriptions.remove(subscriptionId);
            attempts.remove(subscriptionId);
        } else {
            subscriptions.put(subscriptionId, subscription);
        }
    }

    /** One more attempt in its subscription's log, which keeps the latest {@code logSize}. */
    public void apply(WebhookDeliveryAttempt attempt) {
        Deque<WebhookDeliveryAttempt> log = attempts.computeIfAbsent(attempt.subscriptionId(), id -> new ArrayDeque<>());
        synchronized (log) {
            log.addFirst(attempt);
            while (log.size() > logSize) {
                log.removeLast();
            }
        }
    }

    /** The record at {@code offset - 1} of {@code partition} and everything before it have been read. */
    public void readUpTo(TopicPartition partition, long offset) {
        readUpTo.merge(partition, offset, Math::max);
    }

    public boolean hasRead(TopicPartition partition, long offset) {
        return readUpTo.getOrDefault(partition, 0L) > offset;
    }

    public Optional<WebhookSubscription> find(String subscriptionId) {
        return Optional.ofNullable(subscriptions.get(subscriptionId));
    }

    public List<WebhookSubscription> all() {
        return subscriptions.values().stream().sorted(Comparator.comparing(WebhookSubscription::createdAt)
                .thenComparing(WebhookSubscription::subscriptionId)).toList();
    }

    public int size() {
        return subscriptions.size();
    }

    /** The subscription's latest attempts, newest first. */
    public List<WebhookDeliveryAttempt> attempts(String subscriptionId) {
        Deque<WebhookDeliveryAttempt> log = attempts.get(subscriptionId);
        if (log == null) {
            return List.of();
        }
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    /** Whether the subscription's latest delivery went to the dead-letter topic after its last attempt. */
    public boolean isFailing(String subscriptionId) {
        Deque<WebhookDeliveryAttempt> log = attempts.get(subscriptionId);
        if (log == null) {
            return false;
        }
        synchronized (log) {
            return !log.isEmpty() && log.peekFirst().outcome() == WebhookDeliveryOutcome.DEAD_LETTERED;
        }
    }
}
