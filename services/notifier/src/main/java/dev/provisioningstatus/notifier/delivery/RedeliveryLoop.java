package dev.provisioningstatus.notifier.delivery;

import dev.provisioningstatus.events.EventSerde;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.events.WebhookRedeliveryRequested;
import dev.provisioningstatus.notifier.subscription.ActiveSubscription;
import dev.provisioningstatus.notifier.subscription.Subscriptions;
import dev.provisioningstatus.notifier.transition.ApplicationTransition;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Carries out {@link WebhookRedeliveryRequested} commands: delivers the named transition to the subscription
 * again, with the same {@code webhook-id}, as a new run of attempts. A command it cannot carry out
 * (unreadable, an unknown subscription, a delivery no longer kept) goes to the dead-letter topic with the reason.
 */
public final class RedeliveryLoop extends RecordByRecordLoop {

    private final Subscriptions subscriptions;
    private final TransitionLookup lookup;
    private final WebhookDelivery delivery;
    private final DeliveryRecords records;
    private final EventSerde<WebhookRedeliveryRequested> commands =
            (EventSerde<WebhookRedeliveryRequested>) Topics.NOTIFICATIONS_COMMANDS.valueSerde();

    public RedeliveryLoop(Supplier<Consumer<String, byte[]>> consumers, Subscriptions subscriptions,
            TransitionLookup lookup, WebhookDelivery delivery, DeliveryRecords records) {
        super(Topics.NOTIFICATIONS_COMMANDS.name(), consumers, subscriptions);
        this.subscriptions = subscriptions;
        this.lookup = lookup;
        this.delivery = delivery;
        this.records = records;
    }

    @Override
    void handle(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        if (record.value() == null) {
            records.deadLetterInput(record.key(), null, "command", "a command without a value");
            return;
        }
        WebhookRedeliveryRequested command;
        try {
            command = commands.read(record.value());
        } catch (SerializationException unreadable) {
            records.deadLetterInput(record.key(), record.value(), "command", unreadable.getMessage());
            return;
        }
        Optional<ActiveSubscription> subscription = subscriptions.get(command.subscriptionId());
        if (subscription.isEmpty()) {
            records.deadLetterInput(record.key(), record.value(), "command",
                    "no subscription " + command.subscriptionId());
            return;
        }
        Optional<ApplicationTransition> transition = lookup.find(command.applicationId(), command.subscriptionId(),
                command.deliveryId());
        if (transition.isEmpty()) {
            records.deadLetterInput(record.key(), record.value(), "command",
                    "no delivery " + command.deliveryId() + " of " + command.applicationId() + " is kept");
            return;
        }
        delivery.deliver(transition.get(), subscription.get());
    }
}
