package dev.provisioningstatus.benchmarks.lab;

import dev.provisioningstatus.devstack.process.ChildJvm;
import dev.provisioningstatus.statusview.stream.StatusViewProperties;
import dev.provisioningstatus.statusview.stream.StreamsSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The status view's Kafka Streams work without its own: each input read as bytes, its key's entry in a
 * persistent store read and replaced by the input, and the input written to two topics, as the fold writes
 * a view to {@code provisioning.status} and {@code provisioning.issues}. It runs under the status view's
 * own Streams settings (exactly-once, commit interval, input fetch wait, compression), so its CPU per
 * event, and its rate through a backlog, are what Kafka Streams alone costs for that traffic, before any
 * reading, folding or JSON: the status view's baseline in the {@code e2e} and {@code fold} benchmarks, which
 * run it in a JVM of its own ({@link #start}).
 */
public final class StreamsPassThrough {

    private static final String STORE = "pass-through-state";
    /** Written to its output once its stream thread runs. */
    private static final String RUNNING = "pass-through running";

    private StreamsPassThrough() {
    }

    /**
     * Creates its two output topics and starts it in its own JVM, as consumer group {@code applicationId},
     * from the start of {@code input} (which must exist); returns once its stream thread runs.
     */
    public static ChildJvm start(Lab lab, List<String> jvmOptions, String applicationId, String commitInterval,
            String input, String firstOutput, String secondOutput) {
        lab.createTopics(Stream.of(firstOutput, secondOutput)
                .map(name -> new NewTopic(name, Lab.PARTITIONS, (short) 1)).toList());
        ChildJvm.Launch launch = ChildJvm.Launch.of("pass-through", StreamsPassThrough.class.getName(), jvmOptions,
                List.of(lab.bootstrapServers(), applicationId, lab.directory().resolve(applicationId).toString(),
                        commitInterval, input, firstOutput, secondOutput),
                lab.directory().resolve("logs/" + applicationId + ".log")).withClasspathEntry(Lab.benchmarkClasses());
        ChildJvm passThrough = ChildJvm.start(launch);
        try {
            Pause.until(() -> passThrough.logContains(RUNNING), Duration.ofMinutes(2),
                    () -> "the pass-through to run: see " + passThrough.log());
            return passThrough;
        } catch (RuntimeException e) {
            passThrough.close();
            throw e;
        }
    }

    /**
     * Arguments: bootstrap servers, application id, state directory, commit interval (e.g. {@code 20ms}), the
     * input topic and the two output topics.
     */
    public static void main(String[] args) throws InterruptedException {
        Properties config = new Properties();
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, args[1]);
        config.put(StreamsConfig.STATE_DIR_CONFIG, args[2]);
        config.putAll(StreamsSettings.defaults());
        config.putAll(StreamsSettings.required(statusViewProperties(args[3])));
        KafkaStreams streams = new KafkaStreams(topology(args[4], args[5], args[6]), config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close();
            stopped.countDown();
        }));
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                System.out.println(RUNNING);
            }
        });
        streams.start();
        stopped.await();
    }

    /** The status view's settings for this commit interval, every other one at the service's default. */
    private static StatusViewProperties statusViewProperties(String commitInterval) {
        Binder binder = new Binder(new MapConfigurationPropertySource(
                Map.of("provisioning.status-view.commit-interval", commitInterval)));
        return binder.bindOrCreate("provisioning.status-view", StatusViewProperties.class);
    }

    private static Topology topology(String input, String firstOutput, String secondOutput) {
        Serde<byte[]> bytes = Serdes.ByteArray();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), bytes, bytes));
        KStream<byte[], byte[]> copies = builder.stream(input, Consumed.with(bytes, bytes))
                .process(StoreAndForward::new, STORE);
        copies.to(firstOutput, Produced.with(bytes, bytes));
        copies.to(secondOutput, Produced.with(bytes, bytes));
        return builder.build();
    }

    /** Reads and replaces the key's entry, as the fold does its state, and forwards the input unchanged. */
    private static final class StoreAndForward implements Processor<byte[], byte[], byte[], byte[]> {

        private ProcessorContext<byte[], byte[]> context;
        private KeyValueStore<byte[], byte[]> store;

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            store.get(record.key());
            store.put(record.key(), record.value());
            context.forward(record);
        }
    }
}
