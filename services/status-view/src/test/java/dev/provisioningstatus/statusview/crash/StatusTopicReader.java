package dev.provisioningstatus.statusview.crash;

import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.statusview.crash.DoomedStatusView.PartitionOffset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code provisioning.status} from the beginning at one isolation level, as any consumer of the
 * topic would (no consumer group: it only reads). Keeps where every record was and the views of the
 * application ids that start with one prefix, in the order of the log.
 */
final class StatusTopicReader implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final KafkaConsumer<String, ApplicationProvisioningView> consumer;
    private final String keyPrefix;
    private final Set<PartitionOffset> offsets = new HashSet<>();
    private final Map<String, List<ApplicationProvisioningView>> views = new LinkedHashMap<>();
    private final Set<PartitionOffset> viewOffsets = new HashSet<>();

    private StatusTopicReader(String bootstrapServers, IsolationLevel isolation, String keyPrefix) {
        this.keyPrefix = keyPrefix;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(Locale.ROOT)),
                new StringDeserializer(), Topics.PROVISIONING_STATUS.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.PROVISIONING_STATUS.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    static StatusTopicReader readCommitted(String bootstrapServers, String keyPrefix) {
        return new StatusTopicReader(bootstrapServers, IsolationLevel.READ_COMMITTED, keyPrefix);
    }

    static StatusTopicReader readUncommitted(String bootstrapServers, String keyPrefix) {
        return new StatusTopicReader(bootstrapServers, IsolationLevel.READ_UNCOMMITTED, keyPrefix);
    }

    /** Reads what the broker hands out now. */
    void poll() {
        for (ConsumerRecord<String, ApplicationProvisioningView> record : consumer.poll(Duration.ofMillis(200))) {
            PartitionOffset at = new PartitionOffset(record.partition(), record.offset());
            offsets.add(at);
            if (record.key() != null && record.key().startsWith(keyPrefix) && record.value() != null) {
                views.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(record.value());
                viewOffsets.add(at);
            }
        }
    }

    /**
     * Reads up to the end as this isolation level sees it now: for {@code read_committed} the last stable
     * offset (an open transaction holds it back), for {@code read_uncommitted} the high watermark.
     */
    void readToEnd() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        await().atMost(PATIENCE).until(() -> {
            poll();
            return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
        });
    }

    /** Views per application id of the prefix, each list in the order of the log. */
    Map<String, List<ApplicationProvisioningView>> views() {
        return views;
    }

    int viewCount() {
        return views.values().stream().mapToInt(List::size).sum();
    }

    /** Every record read, whatever its key. */
    boolean hasRecordAt(PartitionOffset at) {
        return offsets.contains(at);
    }

    /** Where the views of the prefix were. */
    Set<PartitionOffset> viewOffsets() {
        return viewOffsets;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
