package dev.provisioningstatus.statusview.stream;

import dev.provisioningstatus.events.Topic;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.statusview.view.ApplicationFoldState;
import dev.provisioningstatus.statusview.view.ProvisioningViewFolder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The status view's topology, built without I/O:
 *
 * <pre>
 * applications ──► on their partition ──────────────────────┐
 *      └─────────► off their partition ─► applications-rerouted ─► read-applications ─┐
 *                                                                     │               ├─► fold ─► provisioning.status
 * provisioning.events ──► (the same, provisioning-events-rerouted) ─► read-provisioning-events ┘  └─► provisioning.issues
 *                                                                     └──(unreadable, either reader)──► provisioning.events.dlq
 * </pre>
 *
 * Both inputs are keyed by application id and read as raw bytes; one persistent store holds each
 * application's fold state, in the task of the partition Java's default partitioner picks for the key.
 * A record another producer put on another partition goes through an internal repartition topic
 * ({@code <application.id>-<input>-rerouted-repartition}, as many partitions as the inputs) to that task
 * first, so the fold does not depend on the producer's partitioner.
 */
public final class ProvisioningStatusTopology {

    /** Its changelog topic is {@code <application.id>-provisioning-view-state-changelog}. */
    public static final String STATE_STORE = "provisioning-view-state";

    /** Internal topic names: {@code <application.id>-<name>-repartition}. */
    public static final String APPLICATIONS_REROUTED = "applications-rerouted";
    public static final String PROVISIONING_EVENTS_REROUTED = "provisioning-events-rerouted";

    static final String READ_APPLICATIONS = "read-applications";
    static final String READ_PROVISIONING_EVENTS = "read-provisioning-events";
    static final String FOLD_INPUTS = "fold-inputs";
    static final String FOLD = "fold-provisioning-view";
    static final String STATUS_SINK = "provisioning-status-sink";
    static final String ISSUES_SINK = "provisioning-issues-sink";
    static final String APPLICATIONS_DEAD_LETTER_SINK = "applications-dead-letter-sink";
    static final String PROVISIONING_EVENTS_DEAD_LETTER_SINK = "provisioning-events-dead-letter-sink";

    /** Counter of provisioning events of an incarnation that is not the application's current one. */
    public static final String STALE_EVENTS_COUNTER = "provisioning.status-view.events.stale";

    private final ProvisioningViewFolder folder;
    private final Counter staleEvents;
    private final IntSupplier partitions;

    /**
     * {@code partitions}: the partition count of {@code applications} and {@code provisioning.events} (the
     * same for both), asked for when the first task starts, once the topics exist.
     */
    public ProvisioningStatusTopology(ProvisioningViewFolder folder, MeterRegistry meters, IntSupplier partitions) {
        this.folder = folder;
        this.staleEvents = Counter.builder(STALE_EVENTS_COUNTER)
                .description("Provisioning events of a deleted or superseded incarnation, folded into nothing")
                .tag("reason", "incarnation")
                .register(meters);
        this.partitions = partitions;
    }

    /** For a known partition count. */
    public ProvisioningStatusTopology(ProvisioningViewFolder folder, MeterRegistry meters, int partitions) {
        this(folder, meters, () -> partitions);
    }

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        addTo(builder);
        return builder.build();
    }

    /** Adds the nodes to {@code builder}, e.g. the one Spring's {@code StreamsBuilderFactoryBean} builds. */
    public void addTo(StreamsBuilder builder) {
        builder.addStateStore(stateStore());
        KStream<Object, Object> readApplications = onTheirPartitions(builder, Topics.APPLICATIONS, "applications",
                APPLICATIONS_REROUTED)
                .process(() -> ContractRecordReader.applications(FOLD_INPUTS, APPLICATIONS_DEAD_LETTER_SINK),
                        Named.as(READ_APPLICATIONS));
        KStream<Object, Object> readEvents = onTheirPartitions(builder, Topics.PROVISIONING_EVENTS,
                "provisioning-events", PROVISIONING_EVENTS_REROUTED)
                .process(() -> ContractRecordReader.provisioningEvents(FOLD_INPUTS,
                        PROVISIONING_EVENTS_DEAD_LETTER_SINK), Named.as(READ_PROVISIONING_EVENTS));
        ProvisioningStatusTopology.<byte[], byte[]>typed(readApplications).to(Topics.PROVISIONING_EVENTS_DLQ.name(),
                Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(APPLICATIONS_DEAD_LETTER_SINK));
        ProvisioningStatusTopology.<byte[], byte[]>typed(readEvents).to(Topics.PROVISIONING_EVENTS_DLQ.name(),
                Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(PROVISIONING_EVENTS_DEAD_LETTER_SINK));

        ProcessorSupplier<String, FoldInput, String, byte[]> fold =
                () -> new ProvisioningViewProcessor(folder, STATE_STORE, staleEvents, STATUS_SINK,
                        ISSUES_SINK);
        KStream<String, byte[]> views = ProvisioningStatusTopology.<String, FoldInput>typed(
                readApplications.merge(readEvents, Named.as(FOLD_INPUTS)))
                .process(fold, Named.as(FOLD), STATE_STORE);
        views.to(Topics.PROVISIONING_STATUS.name(), serializedViews(STATUS_SINK));
        views.to(Topics.PROVISIONING_ISSUES.name(), serializedViews(ISSUES_SINK));
    }

    /**
     * The records of {@code topic} on the partition of their key, followed by those another producer put
     * elsewhere, once rerouted to it.
     */
    private KStream<byte[], byte[]> onTheirPartitions(StreamsBuilder builder, Topic<?> topic, String name,
            String rerouted) {
        Serde<byte[]> bytes = Serdes.ByteArray();
        KStream<byte[], byte[]> source = builder.stream(topic.name(),
                Consumed.with(bytes, bytes).withName(name + "-source"));
        KStream<byte[], byte[]> onTheirPartition = source.process(
                () -> PartitionCheck.onTheirPartition(topic.name(), partitions), Named.as(name + "-on-their-partition"));
        KStream<byte[], byte[]> reroutedToTheirs = source.process(
                        () -> PartitionCheck.offTheirPartition(topic.name(), partitions),
                        Named.as(name + "-off-their-partition"))
                .repartition(Repartitioned.<byte[], byte[]>as(rerouted)
                        .withKeySerde(bytes).withValueSerde(bytes));
        return onTheirPartition.merge(reroutedToTheirs, Named.as(name + "-to-read"));
    }

    /** Views the fold serialized itself, with their CloudEvents headers, once for both topics. */
    private static Produced<String, byte[]> serializedViews(String sinkName) {
        return Produced.with(Serdes.String(), Serdes.ByteArray()).withName(sinkName);
    }

    /** A reader forwards fold input and dead letters to different children, by name: each sees its own types. */
    @SuppressWarnings("unchecked")
    private static <K, V> KStream<K, V> typed(KStream<?, ?> stream) {
        return (KStream<K, V>) stream;
    }

    private static StoreBuilder<KeyValueStore<String, ApplicationFoldState>> stateStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE), Serdes.String(),
                new FoldStateSerde());
    }
}
