package dev.provisioningstatus.benchmarks.e2e;

import dev.provisioningstatus.benchmarks.lab.Lab;
import dev.provisioningstatus.benchmarks.report.Latency;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.NewTopic;
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

/**
 * The raw-Kafka floor: records of the events' size produced at the same fixed rate with the same
 * producer settings, read by a {@code read_committed} consumer on the same broker; latency from
 * intended send time to receipt. Nothing can deliver a Kafka record faster on this machine.
 */
final class KafkaFloor {

    private KafkaFloor() {
    }

    static Histogram measure(Lab lab, int ratePerSecond, int recordBytes, Duration warmup, Duration duration)
            throws InterruptedException {
        String topic = "bench.floor";
        lab.createTopics(List.of(new NewTopic(topic, Lab.PARTITIONS, (short) 1)));
        Histogram histogram = Latency.histogram();
        AtomicBoolean reading = new AtomicBoolean(true);
        long measuredFrom = System.nanoTime() + 2_000_000_000L + warmup.toNanos();
        Map<String, Object> consumerConfig = new HashMap<>();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, lab.bootstrapServers());
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Thread consumerThread = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1),
                        new TopicPartition(topic, 2));
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                while (reading.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        long intended = ByteBuffer.wrap(record.value()).getLong();
                        if (intended >= measuredFrom) {
                            histogram.recordValue(now - intended);
                        }
                    }
                }
            }
        }, "floor-consumer");
        consumerThread.start();
        Map<String, Object> producerConfig = new HashMap<>();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, lab.bootstrapServers());
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new ByteArraySerializer())) {
            Thread.sleep(2_000);
            long period = 1_000_000_000L / ratePerSecond;
            long start = System.nanoTime();
            long end = start + warmup.toNanos() + duration.toNanos();
            for (long i = 0; ; i++) {
                long intended = start + i * period;
                if (intended >= end) {
                    break;
                }
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                byte[] value = new byte[recordBytes];
                ByteBuffer.wrap(value).putLong(intended);
                producer.send(new ProducerRecord<>(topic, "floor-" + (i % 2000), value));
            }
        }
        Thread.sleep(1_000);
        reading.set(false);
        consumerThread.join();
        return histogram;
    }
}
