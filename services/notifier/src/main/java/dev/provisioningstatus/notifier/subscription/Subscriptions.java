package dev.provisioningstatus.notifier.subscription;

import dev.provisioningstatus.events.EventSerde;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.events.WebhookSecretCipher;
import dev.provisioningstatus.events.WebhookSubscription;
import dev.provisioningstatus.notifier.delivery.WebhookSignature;
import dev.provisioningstatus.notifier.transition.ApplicationTransition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every subscription, read from the compacted {@code notifications.subscriptions} from its beginning and
 * kept up to date, with its secret decrypted. A record it cannot use (unreadable, misrouted, or a secret
 * that does not decrypt) is logged with the reason and counted in {@code notifier.subscriptions.unusable};
 * it also removes any earlier version of that subscription, so nothing is delivered on stale settings.
 * Those records are not dead-lettered: the topic is read again on every start, and would repeat them.
 */
public final class Subscriptions implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final WebhookSecretCipher cipher;
    private final Counter unusable;
    private final Map<String, ActiveSubscription> active = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final EventSerde<WebhookSubscription> serde =
            (EventSerde<WebhookSubscription>) Topics.NOTIFICATIONS_SUBSCRIPTIONS.valueSerde();
    private volatile Consumer<String, byte[]> consumer;
    private volatile Thread reader;
    private volatile boolean running;

    public Subscriptions(Supplier<Consumer<String, byte[]>> consumers, WebhookSecretCipher cipher,
            MeterRegistry meters) {
        this.consumers = consumers;
        this.cipher = cipher;
        this.unusable = Counter.builder("notifier.subscriptions.unusable")
                .description("Subscription records the notifier could not use").register(meters);
        meters.gaugeMapSize("notifier.subscriptions.active", List.of(), active);
    }

    /** The subscriptions that want {@code transition}. */
    public List<ActiveSubscription> matching(ApplicationTransition transition) {
        return active.values().stream().filter(subscription -> subscription.wants(transition)).toList();
    }

    public Optional<ActiveSubscription> get(String subscriptionId) {
        return Optional.ofNullable(active.get(subscriptionId));
    }

    /**
     * Waits until every subscription written before the notifier started is known, so a restart does not
     * skip a subscriber; returns false after {@code timeout}.
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void apply(String key, byte[] value) {
        if (value == null) {
            if (key != null) {
                active.remove(key);
            }
            return;
        }
        try {
            WebhookSubscription subscription = serde.read(value);
            if (!subscription.subscriptionId().equals(key)) {
                throw new IllegalArgumentException("key '" + key + "' is not the subscription's id");
            }
            String secret = cipher.decrypt(subscription.encryptedSecret(), subscription.subscriptionId());
            active.put(key, new ActiveSubscription(subscription, new WebhookSignature(secret)));
        } catch (SerializationException | IllegalArgumentException unusableRecord) {
            if (key != null) {
                active.remove(key);
            }
            unusable.increment();
            LOG.warn("subscription record '{}' on {} is unusable and ignored: {}", key,
                    Topics.NOTIFICATIONS_SUBSCRIPTIONS.name(), unusableRecord.getMessage());
        }
    }

    private void read() {
        try (Consumer<String, byte[]> subscriptions = consumer) {
            List<TopicPartition> partitions = subscriptions.partitionsFor(Topics.NOTIFICATIONS_SUBSCRIPTIONS.name())
                    .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            subscriptions.assign(partitions);
            subscriptions.seekToBeginning(partitions);
            Map<TopicPartition, Long> startEnd = subscriptions.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : subscriptions.poll(Duration.ofMillis(500))) {
                    apply(record.key(), record.value());
                }
                if (caughtUp.getCount() > 0 && startEnd.entrySet().stream()
                        .allMatch(end -> subscriptions.position(end.getKey()) >= end.getValue())) {
                    LOG.info("{} subscriptions known", active.size());
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer up
        } catch (RuntimeException failed) {
            LOG.error("reading {} failed; no subscription changes are seen any more",
                    Topics.NOTIFICATIONS_SUBSCRIPTIONS.name(), failed);
            running = false;
        }
    }

    @Override
    public void start() {
        running = true;
        consumer = consumers.get();
        reader = new Thread(this::read, "notifier-subscriptions");
        reader.start();
    }

    @Override
    public void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        try {
            if (reader != null) {
                reader.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the delivery loops, which wait for it; stops after them. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }
}
