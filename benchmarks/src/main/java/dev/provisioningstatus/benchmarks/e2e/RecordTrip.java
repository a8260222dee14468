package dev.provisioningstatus.benchmarks.e2e;

import dev.provisioningstatus.benchmarks.lab.JitSettling;
import dev.provisioningstatus.benchmarks.lab.MeasuredTime;
import dev.provisioningstatus.benchmarks.report.Latency;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
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
 * Records of the events' size produced at the same fixed rate with the same producer settings, and read
 * by a {@code read_committed} consumer on the same broker; latency from intended send time to receipt.
 * Read from the topic they were written to, they give the raw-Kafka floor: nothing can deliver a Kafka
 * record faster on this machine. Read from the output of a
 * {@link dev.provisioningstatus.benchmarks.lab.StreamsPassThrough}, they give what Kafka Streams alone adds
 * under the status view's settings.
 */
final class RecordTrip {

    /** Distinct keys, as many as the e2e benchmark's applications by default. */
    private static final int KEYS = 5_000;

    /** Records of {@code recordBytes} at {@code ratePerSecond}, measured as {@link MeasuredTime} decides. */
    record Load(int ratePerSecond, int recordBytes, Duration warmup, Duration duration) {
    }

    /** Latency of the measured records and the processes' CPU over the measured time. */
    record Measured(Histogram latency, CpuMeter.Sample cpu, long sent, MeasuredTime time) {
    }

    private RecordTrip() {
    }

    /** {@code readFrom} has {@code partitions} partitions; {@code jit} watches the processes under test. */
    static Measured measure(String bootstrapServers, String writeTo, String readFrom, int partitions, Load load,
            JitSettling jit, CpuMeter meter) throws InterruptedException {
        Histogram histogram = Latency.histogram();
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicLong measuredFrom = new AtomicLong(Long.MAX_VALUE);
        Map<String, Object> consumerConfig = new HashMap<>();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Thread consumerThread = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                List<TopicPartition> assigned = IntStream.range(0, partitions)
                        .mapToObj(p -> new TopicPartition(readFrom, p)).toList();
                consumer.assign(assigned);
                consumer.seekToEnd(assigned);
                assigned.forEach(consumer::position);
                while (reading.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        long intended = ByteBuffer.wrap(record.value()).getLong();
                        if (intended >= measuredFrom.get()) {
                            histogram.recordValue(now - intended);
                        }
                    }
                }
            }
        }, "record-trip-consumer");
        consumerThread.start();
        Map<String, Object> producerConfig = new HashMap<>();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        CpuMeter.Sample measuredStart = null;
        long sent = 0;
        MeasuredTime measured;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new ByteArraySerializer())) {
            Thread.sleep(2_000);
            long period = 1_000_000_000L / load.ratePerSecond();
            long start = System.nanoTime();
            measured = new MeasuredTime(start, load.warmup(), load.duration(), jit);
            for (long i = 0; ; i++) {
                long intended = start + i * period;
                if (intended >= measured.end()) {
                    break;
                }
                measured.passing(intended);
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (intended >= measured.from()) {
                    if (measuredStart == null) {
                        measuredFrom.set(measured.from());
                        measuredStart = meter.sample();
                    }
                    sent++;
                }
                byte[] value = new byte[load.recordBytes()];
                ByteBuffer.wrap(value).putLong(intended);
                producer.send(new ProducerRecord<>(writeTo, "record-" + (i % KEYS), value));
            }
        }
        CpuMeter.Sample cpu = meter.sample().since(measuredStart);
        Thread.sleep(1_000);
        reading.set(false);
        consumerThread.join();
        return new Measured(histogram, cpu, sent, measured);
    }
}
