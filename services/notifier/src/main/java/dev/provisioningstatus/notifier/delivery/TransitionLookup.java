package dev.provisioningstatus.notifier.delivery;

import dev.provisioningstatus.events.WebhookDeliveryAttempt;
import dev.provisioningstatus.notifier.transition.ApplicationTransition;
import dev.provisioningstatus.notifier.transition.JsonSerde;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Finds the transition a redelivery names by reading the transitions topic from its beginning.
 * Redeliveries are rare and asked for by people, so a scan of the kept transitions is cheap enough and
 * needs no index to keep consistent.
 */
public final class TransitionLookup {

    private final String topic;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final JsonSerde<ApplicationTransition> transitions = new JsonSerde<>(ApplicationTransition.class);

    public TransitionLookup(String topic, Supplier<Consumer<String, byte[]>> consumers) {
        this.topic = topic;
        this.consumers = consumers;
    }

    /** The transition of {@code applicationId} that {@code deliveryId} delivers to {@code subscriptionId}. */
    public Optional<ApplicationTransition> find(String applicationId, String subscriptionId, String deliveryId) {
        try (Consumer<String, byte[]> consumer = consumers.get()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Optional<ApplicationTransition> match = matching(record, applicationId, subscriptionId, deliveryId);
                    if (match.isPresent()) {
                        return match;
                    }
                }
            }
            return Optional.empty();
        }
    }

    private Optional<ApplicationTransition> matching(ConsumerRecord<String, byte[]> record, String applicationId,
            String subscriptionId, String deliveryId) {
        if (!applicationId.equals(record.key())) {
            return Optional.empty();
        }
        try {
            ApplicationTransition transition = transitions.deserializer().deserialize(record.topic(), record.value());
            return transition != null
                    && WebhookDeliveryAttempt.deliveryId(subscriptionId, transition.id()).equals(deliveryId)
                    ? Optional.of(transition) : Optional.empty();
        } catch (SerializationException unreadable) {
            return Optional.empty();
        }
    }
}
