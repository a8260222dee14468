package dev.provisioningstatus.gateway;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ContractEvent;
import dev.provisioningstatus.events.Topic;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.testsupport.KafkaBrokers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads and writes the contract topics of the shared test broker the way other services do. */
public final class KafkaRecords {

    private KafkaRecords() {
    }

    /** Publishes a view as the status-view service would: contract serializer, CloudEvents headers. */
    public static void publish(ApplicationProvisioningView view) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.PROVISIONING_STATUS.name(),
                view.applicationId(), null);
        byte[] value = Topics.PROVISIONING_STATUS.valueSerde().serializer()
                .serialize(record.topic(), record.headers(), view);
        send(new ProducerRecord<>(record.topic(), null, record.key(), value, record.headers()));
    }

    /** Publishes a contract record as its producer would: the topic's serializer, CloudEvents headers. */
    public static <V extends ContractEvent> void publish(Topic<V> topic, V value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.name(), value.subject(), null);
        byte[] bytes = topic.valueSerde().serializer().serialize(record.topic(), record.headers(), value);
        send(new ProducerRecord<>(record.topic(), null, record.key(), bytes, record.headers()));
    }

    public static void publishTombstone(String applicationId) {
        send(new ProducerRecord<>(Topics.PROVISIONING_STATUS.name(), applicationId, null));
    }

    public static void publishRaw(String topic, String key, byte[] value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    /**
     * Every committed record of {@code topic} matching {@code wanted}, once at least {@code count}
     * have been read or {@code timeout} has passed.
     */
    public static List<ConsumerRecord<String, byte[]>> readCommitted(String topic,
            Predicate<ConsumerRecord<String, byte[]>> wanted, int count, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokers.shared().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(timeout);
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (wanted.test(record)) {
                        found.add(record);
                    }
                });
            }
        }
        return found;
    }

    private static void send(ProducerRecord<String, byte[]> record) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokers.shared().bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish the test record", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
