package dev.provisioningstatus.gateway.command;

import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.ContractEvent;
import dev.provisioningstatus.events.ProvisionRequested;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.events.Trigger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Writes the gateway's records, each call in one Kafka transaction: either all of its records
 * become visible to {@code read_committed} consumers or none does.
 */
public class ProvisioningCommandPublisher {

    private final KafkaTemplate<String, ContractEvent> template;
    private final Map<Trigger, Counter> sent = new EnumMap<>(Trigger.class);

    public ProvisioningCommandPublisher(KafkaTemplate<String, ContractEvent> template, MeterRegistry meters) {
        this.template = template;
        for (Trigger trigger : Trigger.values()) {
            sent.put(trigger, Counter.builder("provisioning.gateway.commands.sent")
                    .description("Provisioning commands committed to provisioning.commands")
                    .tag("trigger", trigger.id())
                    .register(meters));
        }
    }

    /** The application and its first provisioning command, together or not at all. */
    public Mono<Void> register(ApplicationRegistered application, ProvisionRequested command) {
        List<ProducerRecord<String, ContractEvent>> records = new ArrayList<>();
        records.add(new ProducerRecord<>(Topics.APPLICATIONS.name(), application.applicationId(), application));
        records.add(commandRecord(command));
        return commit(records, List.of(command));
    }

    /** A tombstone for the application on {@code applications}: it is deleted. */
    public Mono<Void> delete(String applicationId) {
        return commit(List.of(new ProducerRecord<>(Topics.APPLICATIONS.name(), applicationId, null)), List.of());
    }

    public Mono<Void> request(List<ProvisionRequested> commands) {
        if (commands.isEmpty()) {
            return Mono.empty();
        }
        return commit(commands.stream().map(ProvisioningCommandPublisher::commandRecord).toList(), commands);
    }

    private Mono<Void> commit(List<ProducerRecord<String, ContractEvent>> records, List<ProvisionRequested> commands) {
        // The Kafka producer blocks while committing (bounded by its max.block.ms); keep that off the event loop.
        return Mono.fromRunnable(() -> template.executeInTransaction(operations -> {
                    records.forEach(operations::send);
                    return null;
                }))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(failure -> new CommandPublishingException(
                        "Kafka did not accept the transaction: " + failure.getMessage(), failure))
                .doOnSuccess(done -> commands.forEach(command -> sent.get(command.trigger()).increment()))
                .then();
    }

    private static ProducerRecord<String, ContractEvent> commandRecord(ProvisionRequested command) {
        return new ProducerRecord<>(Topics.PROVISIONING_COMMANDS.name(), command.applicationId(), command);
    }
}
