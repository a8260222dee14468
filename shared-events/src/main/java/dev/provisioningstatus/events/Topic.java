package dev.provisioningstatus.events;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** A public topic: its name, how its keys and values are (de)serialized, and how it is kept. */
public record Topic<V>(String name, Serde<V> valueSerde, Map<String, String> configs) {

    public Topic {
        configs = Map.copyOf(configs);
    }

    /**
     * Keys are text: the application id on the provisioning topics, so one application's records stay in
     * order, and the subscription id on the notification topics.
     */
    public Serde<String> keySerde() {
        return Serdes.String();
    }
}
