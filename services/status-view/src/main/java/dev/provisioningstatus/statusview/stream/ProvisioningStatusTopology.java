package dev.provisioningstatus.statusview.stream;

import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.statusview.view.ApplicationFoldState;
import dev.provisioningstatus.statusview.view.ProvisioningViewFolder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The status view's topology, built without I/O:
 *
 * <pre>
 * applications ─────────► read-applications ──────────┐
 *                                │                     ├─► fold-provisioning-view ─► provisioning.status
 * provisioning.events ──► read-provisioning-events ───┘   (store provisioning-view-state)
 *                                │
 *                                └──(unreadable, either reader)──► provisioning.events.dlq
 * </pre>
 *
 * Both inputs are keyed by application id and read as raw bytes; one persistent store holds each
 * application's fold state. Both input topics must have the same number of partitions.
 */
public final class ProvisioningStatusTopology {

    /** Its changelog topic is {@code <application.id>-provisioning-view-state-changelog}. */
    public static final String STATE_STORE = "provisioning-view-state";

    static final String APPLICATIONS_SOURCE = "applications-source";
    static final String PROVISIONING_EVENTS_SOURCE = "provisioning-events-source";
    static final String READ_APPLICATIONS = "read-applications";
    static final String READ_PROVISIONING_EVENTS = "read-provisioning-events";
    static final String FOLD = "fold-provisioning-view";
    static final String STATUS_SINK = "provisioning-status-sink";
    static final String DEAD_LETTER_SINK = "dead-letter-sink";

    /** Counter of provisioning events of an incarnation that is not the application's current one. */
    public static final String STALE_EVENTS_COUNTER = "provisioning.status-view.events.stale";

    private final ProvisioningViewFolder folder;
    private final Counter staleEvents;

    public ProvisioningStatusTopology(ProvisioningViewFolder folder, MeterRegistry meters) {
        this.folder = folder;
        this.staleEvents = Counter.builder(STALE_EVENTS_COUNTER)
                .description("Provisioning events of a deleted or superseded incarnation, folded into nothing")
                .tag("reason", "incarnation")
                .register(meters);
    }

    public Topology build() {
        return addTo(new Topology());
    }

    /** Adds the nodes to {@code topology}, e.g. the one Spring's {@code StreamsBuilderFactoryBean} builds. */
    public Topology addTo(Topology topology) {
        topology.addSource(APPLICATIONS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                Topics.APPLICATIONS.name());
        topology.addSource(PROVISIONING_EVENTS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                Topics.PROVISIONING_EVENTS.name());
        topology.addProcessor(READ_APPLICATIONS, () -> ContractRecordReader.applications(FOLD, DEAD_LETTER_SINK),
                APPLICATIONS_SOURCE);
        topology.addProcessor(READ_PROVISIONING_EVENTS,
                () -> ContractRecordReader.provisioningEvents(FOLD, DEAD_LETTER_SINK), PROVISIONING_EVENTS_SOURCE);
        topology.addProcessor(FOLD, () -> new ProvisioningViewProcessor(folder, STATE_STORE, staleEvents),
                READ_APPLICATIONS, READ_PROVISIONING_EVENTS);
        topology.addStateStore(stateStore(), FOLD);
        topology.addSink(STATUS_SINK, Topics.PROVISIONING_STATUS.name(),
                Topics.PROVISIONING_STATUS.keySerde().serializer(),
                Topics.PROVISIONING_STATUS.valueSerde().serializer(), FOLD);
        topology.addSink(DEAD_LETTER_SINK, Topics.PROVISIONING_EVENTS_DLQ.name(), new ByteArraySerializer(),
                new ByteArraySerializer(), READ_APPLICATIONS, READ_PROVISIONING_EVENTS);
        return topology;
    }

    private static StoreBuilder<KeyValueStore<String, ApplicationFoldState>> stateStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE), Serdes.String(),
                new FoldStateSerde());
    }
}
