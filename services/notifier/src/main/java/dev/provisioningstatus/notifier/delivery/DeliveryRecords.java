package dev.provisioningstatus.notifier.delivery;

import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.events.WebhookDeliveryAttempt;
import dev.provisioningstatus.notifier.transition.TransitionTopology;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where deliveries leave their trace: every attempt on {@code notifications.deliveries}, every delivery that
 * ran out of attempts (and every command or record the notifier cannot act on) on {@code notifications.dlq}
 * with the reason in a header. Each write is acknowledged before the delivery goes on, so the log never
 * misses an attempt that a receiver saw.
 */
public final class DeliveryRecords implements Closeable {

    /** On {@code notifications.dlq}: the subscription and the webhook-id of a dead-lettered delivery. */
    public static final String SUBSCRIPTION_HEADER = "subscription-id";
    public static final String WEBHOOK_ID_HEADER = "webhook-id";

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRecords.class);

    private final Producer<String, byte[]> producer;
    private final MeterRegistry meters;

    public DeliveryRecords(Producer<String, byte[]> producer, MeterRegistry meters) {
        this.producer = producer;
        this.meters = meters;
    }

    public void attempt(WebhookDeliveryAttempt attempt) {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = Topics.NOTIFICATIONS_DELIVERIES.valueSerde().serializer()
                .serialize(Topics.NOTIFICATIONS_DELIVERIES.name(), headers, attempt);
        send(new ProducerRecord<>(Topics.NOTIFICATIONS_DELIVERIES.name(), null, attempt.subscriptionId(), value,
                headers));
        meters.counter("notifier.deliveries", "outcome", attempt.outcome().id()).increment();
    }

    /** A webhook that ran out of attempts: its body as it was sent, for a later look or replay. */
    public void deadLetterDelivery(String subscriptionId, String webhookId, byte[] body, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(SUBSCRIPTION_HEADER, subscriptionId.getBytes(StandardCharsets.UTF_8));
        headers.add(WEBHOOK_ID_HEADER, webhookId.getBytes(StandardCharsets.UTF_8));
        deadLetter(subscriptionId, body, headers, "delivery", reason);
    }

    /** A record the notifier cannot act on (an unreadable command or subscription, an unknown delivery). */
    public void deadLetterInput(String key, byte[] value, String kind, String reason) {
        deadLetter(key, value, new RecordHeaders(), kind, reason);
    }

    private void deadLetter(String key, byte[] value, RecordHeaders headers, String kind, String reason) {
        headers.add(TransitionTopology.DEAD_LETTER_REASON, reason.getBytes(StandardCharsets.UTF_8));
        send(new ProducerRecord<>(Topics.NOTIFICATIONS_DLQ.name(), null, key, value, headers));
        meters.counter("notifier.dead-letters", "kind", kind).increment();
        LOG.warn("{} '{}' sent to {}: {}", kind, key, Topics.NOTIFICATIONS_DLQ.name(), reason);
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + record.topic(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to " + record.topic(), e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
