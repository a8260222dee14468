package dev.provisioningstatus.notifier.transition;

import dev.provisioningstatus.events.EventJson;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;

/** JSON of the notifier's own records (internal topic, state store), in the contract's JSON mapping. */
public final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;

    public JsonSerde(Class<T> type) {
        this.type = type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> data == null ? null : EventJson.MAPPER.writeValueAsBytes(data);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return EventJson.MAPPER.readValue(data, type);
            } catch (JacksonException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage());
            }
        };
    }
}
