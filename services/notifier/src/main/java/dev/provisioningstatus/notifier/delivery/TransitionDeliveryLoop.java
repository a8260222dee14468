package dev.provisioningstatus.notifier.delivery;

import dev.provisioningstatus.notifier.subscription.ActiveSubscription;
import dev.provisioningstatus.notifier.subscription.Subscriptions;
import dev.provisioningstatus.notifier.transition.ApplicationTransition;
import dev.provisioningstatus.notifier.transition.JsonSerde;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Delivers each transition to every subscription that wants it, the subscriptions in parallel, and
 * moves to the next transition only when every one of them was delivered or dead-lettered. One
 * application's transitions are on one partition, so each endpoint gets them in order.
 */
public final class TransitionDeliveryLoop extends RecordByRecordLoop {

    private final Subscriptions subscriptions;
    private final WebhookDelivery delivery;
    private final DeliveryRecords records;
    private final ExecutorService deliveries;
    private final JsonSerde<ApplicationTransition> transitions = new JsonSerde<>(ApplicationTransition.class);

    public TransitionDeliveryLoop(String transitionsTopic, Supplier<Consumer<String, byte[]>> consumers,
            Subscriptions subscriptions, WebhookDelivery delivery, DeliveryRecords records,
            ExecutorService deliveries) {
        super(transitionsTopic, consumers, subscriptions);
        this.subscriptions = subscriptions;
        this.delivery = delivery;
        this.records = records;
        this.deliveries = deliveries;
    }

    @Override
    void handle(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        ApplicationTransition transition;
        try {
            transition = transitions.deserializer().deserialize(record.topic(), record.value());
        } catch (SerializationException unreadable) {
            records.deadLetterInput(record.key(), record.value(), "transition", unreadable.getMessage());
            return;
        }
        if (transition == null) {
            records.deadLetterInput(record.key(), null, "transition", "a transition record without a value");
            return;
        }
        List<Future<?>> running = new ArrayList<>();
        for (ActiveSubscription subscription : subscriptions.matching(transition)) {
            running.add(deliveries.submit(() -> delivery.deliver(transition, subscription)));
        }
        try {
            for (Future<?> each : running) {
                each.get();
            }
        } catch (ExecutionException failed) {
            throw new IllegalStateException("a delivery of " + transition.id() + " failed", failed.getCause());
        } finally {
            running.forEach(each -> each.cancel(true));
        }
    }
}
