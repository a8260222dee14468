package dev.provisioningstatus.statusview.stream;

import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.Ids;
import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.Topic;
import dev.provisioningstatus.events.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads one input topic's raw records. A readable record goes on to the fold; an unreadable one
 * (not JSON, against its schema, unknown type, key not its application id) goes to the dead-letter
 * topic with its original key, value and headers plus the reason, and processing goes on.
 *
 * <p>Reading here rather than in the source's deserializer keeps the dead-letter write inside the
 * exactly-once transaction: Kafka 4.1's deserialization exception handlers cannot produce records
 * (that is KIP-1034, Kafka 4.2). Its two children take different types (the fold gets the
 * application id and the read input, the dead-letter sink the original bytes), hence {@code Object}.
 */
final class ContractRecordReader implements Processor<byte[], byte[], Object, Object> {

    /** Turns one record value into fold input; throws {@link SerializationException} saying why it cannot. */
    @FunctionalInterface
    interface Reading {
        FoldInput read(String applicationId, byte[] value);
    }

    private final Reading reading;
    private final String foldNode;
    private final String deadLetterNode;
    private ProcessorContext<Object, Object> context;

    private ContractRecordReader(Reading reading, String foldNode, String deadLetterNode) {
        this.reading = reading;
        this.foldNode = foldNode;
        this.deadLetterNode = deadLetterNode;
    }

    /** {@code applications}: a registration, or a tombstone when the application is deleted. */
    static ContractRecordReader applications(String foldNode, String deadLetterNode) {
        Deserializer<ApplicationRegistered> deserializer = Topics.APPLICATIONS.valueSerde().deserializer();
        return new ContractRecordReader((applicationId, value) -> {
            if (value == null) {
                return new FoldInput.Deletion();
            }
            ApplicationRegistered registered = deserializer.deserialize(Topics.APPLICATIONS.name(), value);
            requireKeyMatches(applicationId, registered.applicationId());
            return new FoldInput.Registration(registered);
        }, foldNode, deadLetterNode);
    }

    /** {@code provisioning.events}: one of the worker's events; a tombstone means nothing there. */
    static ContractRecordReader provisioningEvents(String foldNode, String deadLetterNode) {
        Topic<ProvisioningEvent> topic = Topics.PROVISIONING_EVENTS;
        Deserializer<ProvisioningEvent> deserializer = topic.valueSerde().deserializer();
        return new ContractRecordReader((applicationId, value) -> {
            if (value == null) {
                throw new SerializationException("a tombstone on " + topic.name() + ": events are never deleted");
            }
            ProvisioningEvent event = deserializer.deserialize(topic.name(), value);
            requireKeyMatches(applicationId, event.applicationId());
            return new FoldInput.Provisioning(event);
        }, foldNode, deadLetterNode);
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        FoldInput input;
        String applicationId;
        try {
            applicationId = applicationId(record.key());
            input = reading.read(applicationId, record.value());
        } catch (SerializationException unreadable) {
            context.forward(record.withHeaders(DeadLetterHeaders.describing(record.headers(), unreadable,
                    context.recordMetadata().orElse(null))), deadLetterNode);
            return;
        }
        // Fresh headers: the input's CloudEvents headers describe the input, not the view.
        context.forward(new Record<Object, Object>(applicationId, input, record.timestamp()), foldNode);
    }

    private static String applicationId(byte[] key) {
        if (key == null) {
            throw new SerializationException("no key: records are keyed by their application id");
        }
        String applicationId = new String(key, StandardCharsets.UTF_8);
        if (!Ids.isValid(applicationId)) {
            throw new SerializationException("key '" + applicationId + "' is not an application id");
        }
        return applicationId;
    }

    private static void requireKeyMatches(String key, String applicationId) {
        if (!key.equals(applicationId)) {
            throw new SerializationException("key '" + key + "' is not the record's applicationId '"
                    + applicationId + "'");
        }
    }
}
