package dev.provisioningstatus.notifier.delivery;

import dev.provisioningstatus.notifier.subscription.Subscriptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads one topic in a consumer group and handles its records one at a time, committing each record's
 * offset only once it is handled: a crash in the middle means the record is handled again after the
 * restart (at least once), and records of one partition are handled in order. A handler that fails
 * (Kafka unavailable, say) is retried on the same record after a pause. Starts once every subscription
 * is known.
 */
abstract class RecordByRecordLoop implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(RecordByRecordLoop.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final String topic;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Subscriptions subscriptions;
    private volatile Consumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    RecordByRecordLoop(String topic, Supplier<Consumer<String, byte[]>> consumers, Subscriptions subscriptions) {
        this.topic = topic;
        this.consumers = consumers;
        this.subscriptions = subscriptions;
    }

    /** Handles one record completely; throws to have it handled again. */
    abstract void handle(ConsumerRecord<String, byte[]> record) throws InterruptedException;

    private void run() {
        try (Consumer<String, byte[]> records = consumer) {
            while (running && !subscriptions.awaitCaughtUp(Duration.ofSeconds(5))) {
                LOG.info("{}: waiting for the subscriptions to be read", topic);
            }
            records.subscribe(List.of(topic));
            while (running) {
                ConsumerRecords<String, byte[]> batch = records.poll(Duration.ofMillis(500));
                for (TopicPartition partition : batch.partitions()) {
                    handleInOrder(records, partition, batch.records(partition));
                }
            }
        } catch (WakeupException | InterruptException | InterruptedException stopping) {
            // stop() ends the loop; an uncommitted record is handled again by the next consumer
        } catch (RuntimeException failed) {
            LOG.error("reading {} failed; the notifier stops delivering from it", topic, failed);
        } finally {
            running = false;
        }
    }

    /**
     * Handles one partition's records of a poll, committing each. A record that fails is read again: the
     * partition is rewound to it, and its later records wait; other partitions go on.
     */
    private void handleInOrder(Consumer<String, byte[]> records, TopicPartition partition,
            List<ConsumerRecord<String, byte[]>> polled) throws InterruptedException {
        for (ConsumerRecord<String, byte[]> record : polled) {
            if (!handled(record)) {
                records.seek(partition, record.offset());
                return;
            }
            try {
                records.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
            } catch (CommitFailedException | RebalanceInProgressException reassigned) {
                // The partition moved to another instance, which handles the record again: at least once.
                LOG.info("{}: {} was reassigned before its offset {} was committed", topic, partition,
                        record.offset());
                return;
            }
        }
    }

    private boolean handled(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        try {
            handle(record);
            return true;
        } catch (RuntimeException failed) {
            LOG.warn("{} record at {}-{}@{} failed, handling it again in {}", topic, record.topic(),
                    record.partition(), record.offset(), RETRY_PAUSE, failed);
            Thread.sleep(RETRY_PAUSE.toMillis());
            return false;
        }
    }

    @Override
    public void start() {
        running = true;
        consumer = consumers.get();
        thread = new Thread(this::run, "notifier-" + topic);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
