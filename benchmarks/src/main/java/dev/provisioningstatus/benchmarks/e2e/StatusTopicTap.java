package dev.provisioningstatus.benchmarks.e2e;

import dev.provisioningstatus.events.EventJson;
import dev.provisioningstatus.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code provisioning.status} from its end, {@code read_committed} like the gateway, and hands
 * every view to {@code onView} with its receipt time: the moment the status view's transaction made
 * it visible, which splits the end-to-end latency into the status view's part and the gateway's.
 */
final class StatusTopicTap implements AutoCloseable {

    interface ViewListener {
        void onView(String applicationId, int attempt, long receivedNanos);
    }

    private final AtomicBoolean reading = new AtomicBoolean(true);
    private final Thread thread;

    StatusTopicTap(String bootstrapServers, ViewListener onView) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        String topic = Topics.PROVISIONING_STATUS.name();
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(() -> {
            try (consumer) {
                while (reading.get()) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        if (record.value() != null) {
                            // Two fields, not the validated view: the driver shares the machine's two cores
                            // with what it measures.
                            JsonNode view = EventJson.MAPPER.readTree(record.value());
                            onView.onView(view.path("applicationId").asString(), view.path("attempt").asInt(), now);
                        }
                    }
                }
            }
        }, "status-topic-tap");
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        reading.set(false);
        thread.join();
    }
}
