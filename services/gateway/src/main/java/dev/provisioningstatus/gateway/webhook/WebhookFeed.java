package dev.provisioningstatus.gateway.webhook;

import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.events.WebhookDeliveryAttempt;
import dev.provisioningstatus.events.WebhookSubscription;
import dev.provisioningstatus.gateway.feed.TopicFollower;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code notifications.subscriptions} and {@code notifications.deliveries} from the beginning into the
 * {@link WebhookIndex}, then follows them, as the provisioning view is read: every instance reads every
 * partition itself (no consumer group), committed records only, so every instance answers for every
 * subscription. Caught up once it reached the end offsets it saw when it started.
 */
public final class WebhookFeed extends TopicFollower {

    private static final Logger log = LoggerFactory.getLogger(WebhookFeed.class);
    private static final String SUBSCRIPTIONS = Topics.NOTIFICATIONS_SUBSCRIPTIONS.name();
    private static final String DELIVERIES = Topics.NOTIFICATIONS_DELIVERIES.name();

    private final WebhookIndex index;
    private final Duration pollTimeout;
    private final Deserializer<WebhookSubscription> subscriptions =
            Topics.NOTIFICATIONS_SUBSCRIPTIONS.valueSerde().deserializer();
    private final Deserializer<WebhookDeliveryAttempt> attempts =
            Topics.NOTIFICATIONS_DELIVERIES.valueSerde().deserializer();

    public WebhookFeed(Supplier<Consumer<String, byte[]>> consumers, WebhookIndex index, Duration pollTimeout,
            Duration retryBackoff) {
        super("webhook-feed", "the webhook topics", consumers, retryBackoff);
        this.index = index;
        this.pollTimeout = pollTimeout;
    }

    @Override
    protected void follow(Consumer<String, byte[]> opened) {
        List<TopicPartition> partitions = new ArrayList<>();
        partitions.addAll(partitions(opened, SUBSCRIPTIONS));
        partitions.addAll(partitions(opened, DELIVERIES));
        opened.assign(partitions);
        opened.seekToBeginning(partitions);
        Map<TopicPartition, Long> startEnd = new HashMap<>(opened.endOffsets(partitions));
        while (isRunning()) {
            for (ConsumerRecord<String, byte[]> record : opened.poll(pollTimeout)) {
                apply(record);
                index.readUpTo(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            }
            if (!isCaughtUp() && startEnd.entrySet().stream()
                    .allMatch(end -> opened.position(end.getKey()) >= end.getValue())) {
                markCaughtUp();
                log.info("Caught up with {} and {}: {} subscriptions", SUBSCRIPTIONS, DELIVERIES, index.size());
            }
        }
    }

    private List<TopicPartition> partitions(Consumer<String, byte[]> opened, String topic) {
        while (isRunning()) {
            List<PartitionInfo> infos = opened.partitionsFor(topic);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            }
            log.warn("Topic {} does not exist yet; looking again in {}", topic, retryBackoff());
            pause();
        }
        throw new WakeupException();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            log.warn("Skipping a {} record without key at offset {}@{}", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        try {
            if (SUBSCRIPTIONS.equals(record.topic())) {
                WebhookSubscription subscription = subscriptions.deserialize(record.topic(), record.headers(),
                        record.value());
                if (subscription != null && !subscription.subscriptionId().equals(record.key())) {
                    log.warn("Skipping {} record at {}@{}: key '{}' but subscriptionId '{}'", record.topic(),
                            record.partition(), record.offset(), record.key(), subscription.subscriptionId());
                    return;
                }
                index.apply(record.key(), subscription);
            } else if (record.value() != null) {
                index.apply(attempts.deserialize(record.topic(), record.headers(), record.value()));
            }
        } catch (SerializationException e) {
            // One unreadable record must not hide every later one: skip it, say where it is.
            log.warn("Skipping unreadable {} record at {}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }
}
