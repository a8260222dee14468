package dev.provisioningstatus.events;

import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * JSON serde of one contract type. Serializing stamps CloudEvents headers; deserializing
 * validates against the type's JSON Schema, so a malformed record fails here (and goes to a
 * dead-letter topic) rather than deep inside the processing. A null value is a tombstone.
 */
public final class EventSerde<T extends ContractEvent> implements Serde<T> {

    private final Class<T> type;
    private final String source;
    // Resolved once: a reader or writer per call would look the type's (de)serializer up each time.
    private final ObjectReader reader;
    private final ObjectWriter writer;

    public EventSerde(Class<T> type, String source) {
        this.type = type;
        this.source = source;
        this.reader = EventJson.MAPPER.readerFor(type);
        this.writer = EventJson.MAPPER.writerFor(type);
    }

    @Override
    public Serializer<T> serializer() {
        return new Serializer<>() {
            @Override
            public byte[] serialize(String topic, T data) {
                return data == null ? null : writer.writeValueAsBytes(data);
            }

            @Override
            public byte[] serialize(String topic, Headers headers, T data) {
                if (data != null && headers != null) {
                    CloudEventHeaders.write(headers, data, source);
                }
                return serialize(topic, data);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> data == null ? null : read(data);
    }

    /** Parses and validates one record value; throws {@link SerializationException} saying why it is unreadable. */
    public T read(byte[] data) {
        JsonNode json;
        try {
            json = EventJson.MAPPER.readTree(data);
        } catch (JacksonException e) {
            throw new SerializationException("not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new SerializationException("not a JSON object");
        }
        String typeName = schemaTypeName(json);
        List<String> violations = EventSchemas.violations(typeName, json);
        if (!violations.isEmpty()) {
            throw new SerializationException(typeName + " violates its schema: " + String.join("; ", violations));
        }
        try {
            return reader.readValue(json);
        } catch (JacksonException e) {
            throw new SerializationException("cannot read " + typeName + ": " + e.getOriginalMessage());
        }
    }

    /**
     * Binds one record value without checking it against its schema, for a topic whose one writer
     * built every value it wrote from inputs that passed theirs ({@code provisioning.status}, written
     * by the status view alone). Binding alone still refuses what is no JSON object of the type, an
     * unknown enum id, a time that is none, and a missing or {@code null} {@link Required} member; the
     * schema's patterns, lengths and bounds go unchecked, and a number stands for a text. Throws
     * {@link SerializationException} saying why.
     */
    public T bind(byte[] data) {
        if (type.isInterface()) {
            throw new IllegalStateException("only a concrete type binds without its schema: " + type.getSimpleName());
        }
        T value;
        try {
            value = reader.readValue(data);
        } catch (JacksonException e) {
            throw new SerializationException("cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
        // The JSON null is a value, not a tombstone (a record without value): it is no view either.
        if (value == null) {
            throw new SerializationException("not a JSON object");
        }
        return value;
    }

    private String schemaTypeName(JsonNode json) {
        if (!type.isInterface()) {
            return type.getSimpleName();
        }
        JsonNode discriminator = json.get("type");
        String name = discriminator == null || !discriminator.isString() ? null : discriminator.asString();
        for (Class<?> subtype : type.getPermittedSubclasses()) {
            if (subtype.getSimpleName().equals(name)) {
                return name;
            }
        }
        throw new SerializationException("unknown event type '" + name + "'");
    }
}
