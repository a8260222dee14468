package dev.provisioningstatus.gateway.view;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.gateway.feed.TopicFollower;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole compacted {@code provisioning.status} topic from the beginning into the
 * {@link ProvisioningViewIndex}, then follows it. Every gateway instance reads every partition
 * itself (assigned, no consumer group), so each holds the complete view; only committed
 * records are read. Caught up once it reached the end offsets it saw when it started.
 */
public final class ProvisioningStatusFeed extends TopicFollower {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningStatusFeed.class);
    private static final String TOPIC = Topics.PROVISIONING_STATUS.name();

    private final Supplier<Optional<StatusTopic>> topics;
    private final ProvisioningViewIndex index;
    private final ProvisioningViewProperties properties;

    /**
     * @param topics describes the topic; empty while it does not exist
     */
    public ProvisioningStatusFeed(Supplier<Consumer<String, byte[]>> consumers, Supplier<Optional<StatusTopic>> topics,
            ProvisioningViewIndex index, ProvisioningViewProperties properties) {
        super("provisioning-status-feed", TOPIC, consumers, properties.retryBackoff());
        this.topics = topics;
        this.index = index;
        this.properties = properties;
    }

    @Override
    protected void follow(Consumer<String, byte[]> opened) {
        StatusTopic topic = topic();
        index.follow(topic.topicId(), topic.partitions(), topic.deletionRetention());
        List<TopicPartition> partitions = IntStream.range(0, topic.partitions())
                .mapToObj(partition -> new TopicPartition(TOPIC, partition))
                .toList();
        opened.assign(partitions);
        opened.seekToBeginning(partitions);
        // With read_committed these are the last stable offsets: what was committed when we started.
        Map<TopicPartition, Long> startEnd = new HashMap<>(opened.endOffsets(partitions));
        while (isRunning()) {
            for (ConsumerRecord<String, byte[]> record : opened.poll(properties.pollTimeout())) {
                apply(record);
            }
            index.forgetDeletionsBefore(System.currentTimeMillis());
            if (!isCaughtUp() && startEnd.entrySet().stream().allMatch(end -> opened.position(end.getKey()) >= end.getValue())) {
                markCaughtUp();
                log.info("Caught up with {}: {} applications", TOPIC, index.size());
            }
        }
    }

    private StatusTopic topic() {
        while (isRunning()) {
            Optional<StatusTopic> topic = topics.get();
            if (topic.isPresent()) {
                return topic.get();
            }
            log.warn("Topic {} does not exist yet; looking again in {}", TOPIC, properties.retryBackoff());
            pause();
        }
        throw new WakeupException();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            log.warn("Skipping a {} record without key at {}-{}@{}", TOPIC, TOPIC, record.partition(), record.offset());
            index.skip(record.partition(), record.offset());
            return;
        }
        ApplicationProvisioningView view;
        try {
            view = record.value() == null ? null : HeldView.VIEWS.bind(record.value());
        } catch (SerializationException e) {
            // One unreadable record must not hide every later change: skip it, say where it is.
            log.warn("Skipping unreadable {} record at {}-{}@{}: {}", TOPIC, TOPIC, record.partition(), record.offset(),
                    e.getMessage());
            index.skip(record.partition(), record.offset());
            return;
        }
        if (view != null && !view.applicationId().equals(record.key())) {
            log.warn("Skipping {} record at {}-{}@{}: key '{}' but applicationId '{}'", TOPIC, TOPIC, record.partition(),
                    record.offset(), record.key(), view.applicationId());
            index.skip(record.partition(), record.offset());
            return;
        }
        index.apply(new StatusRecord(record.partition(), record.offset(), record.timestamp(), record.key(), view,
                view == null ? null : record.value()));
    }
}
