package dev.provisioningstatus.gateway.webhook;

import dev.provisioningstatus.events.ContractEvent;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.events.WebhookRedeliveryRequested;
import dev.provisioningstatus.events.WebhookSubscription;
import dev.provisioningstatus.gateway.command.CommandPublishingException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Writes subscriptions, their deletion and redelivery requests, each in a Kafka transaction of its own. */
public class WebhookPublisher {

    private final KafkaTemplate<String, ContractEvent> template;

    public WebhookPublisher(KafkaTemplate<String, ContractEvent> template) {
        this.template = template;
    }

    /** Where the subscription was written, so the caller can wait until it has been read back. */
    public Mono<RecordMetadata> save(WebhookSubscription subscription) {
        return send(new ProducerRecord<>(Topics.NOTIFICATIONS_SUBSCRIPTIONS.name(), subscription.subscriptionId(),
                subscription));
    }

    /** A tombstone for the subscription: it is deleted. */
    public Mono<RecordMetadata> delete(String subscriptionId) {
        return send(new ProducerRecord<>(Topics.NOTIFICATIONS_SUBSCRIPTIONS.name(), subscriptionId, null));
    }

    public Mono<RecordMetadata> requestRedelivery(WebhookRedeliveryRequested request) {
        return send(new ProducerRecord<>(Topics.NOTIFICATIONS_COMMANDS.name(), request.subscriptionId(), request));
    }

    private Mono<RecordMetadata> send(ProducerRecord<String, ContractEvent> record) {
        // The Kafka producer blocks while committing (bounded by its max.block.ms); keep that off the event loop.
        return Mono.fromCallable(() -> {
                    AtomicReference<CompletableFuture<SendResult<String, ContractEvent>>> sent = new AtomicReference<>();
                    template.executeInTransaction(operations -> {
                        sent.set(operations.send(record));
                        return null;
                    });
                    return sent.get().join().getRecordMetadata();
                })
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(failure -> new CommandPublishingException(
                        "Kafka did not accept the transaction: " + failure.getMessage(), failure));
    }
}
