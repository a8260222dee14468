package dev.provisioningstatus.benchmarks.fold;

import dev.provisioningstatus.benchmarks.lab.Lab;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The baseline of the fold: a raw consume → produce loop that copies each record (key, value,
 * headers) to another topic and does nothing else. Transactional: consumer offsets committed in
 * the producer's transaction every {@code commitInterval}, as Kafka Streams does under
 * exactly-once; or plain: idempotent producer, offsets committed asynchronously as often. It writes
 * with the given {@code compression.type}.
 */
final class PassThrough implements AutoCloseable {

    private final AtomicBoolean running;
    private final Thread thread;

    private PassThrough(AtomicBoolean running, Thread thread) {
        this.running = running;
        this.thread = thread;
    }

    static PassThrough start(Lab lab, String groupId, String from, String to, boolean transactional,
            Duration commitInterval, String compression) {
        lab.createTopics(List.of(new NewTopic(to, Lab.PARTITIONS, (short) 1)));
        Map<String, Object> consumerConfig = new HashMap<>();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, lab.bootstrapServers());
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Kafka Streams' own default, so both read in the same batches.
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, transactional ? "read_committed" : "read_uncommitted");
        Map<String, Object> producerConfig = new HashMap<>();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, lab.bootstrapServers());
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        if (transactional) {
            producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, groupId + "-tx");
        }
        AtomicBoolean running = new AtomicBoolean(true);
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
                 KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig,
                         new ByteArraySerializer(), new ByteArraySerializer())) {
                consumer.subscribe(List.of(from));
                if (transactional) {
                    producer.initTransactions();
                }
                Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
                long lastCommit = System.nanoTime();
                boolean inTransaction = false;
                while (running.get()) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(50));
                    if (!records.isEmpty() && transactional && !inTransaction) {
                        producer.beginTransaction();
                        inTransaction = true;
                    }
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        producer.send(new ProducerRecord<>(to, null, record.timestamp(), record.key(), record.value(),
                                record.headers()));
                        pending.put(new TopicPartition(record.topic(), record.partition()),
                                new OffsetAndMetadata(record.offset() + 1));
                    }
                    if (!pending.isEmpty() && System.nanoTime() - lastCommit >= commitInterval.toNanos()) {
                        if (transactional) {
                            producer.sendOffsetsToTransaction(pending, consumer.groupMetadata());
                            producer.commitTransaction();
                            inTransaction = false;
                        } else {
                            producer.flush();
                            consumer.commitAsync(new HashMap<>(pending), null);
                        }
                        pending.clear();
                        lastCommit = System.nanoTime();
                    }
                }
                if (inTransaction) {
                    producer.abortTransaction();
                }
            }
        }, "pass-through-" + groupId);
        thread.start();
        return new PassThrough(running, thread);
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
