package dev.provisioningstatus.statusview.stream;

import dev.provisioningstatus.events.EventJson;
import dev.provisioningstatus.statusview.view.ApplicationFoldState;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The fold state as JSON in the store and its changelog, with the contract's one mapping. */
final class FoldStateSerde implements Serde<ApplicationFoldState> {

    @Override
    public Serializer<ApplicationFoldState> serializer() {
        return (topic, state) -> state == null ? null : EventJson.MAPPER.writeValueAsBytes(state);
    }

    @Override
    public Deserializer<ApplicationFoldState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : EventJson.MAPPER.readValue(bytes, ApplicationFoldState.class);
    }
}
