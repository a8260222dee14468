package dev.provisioningstatus.statusview.stream;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings of the status view: those it relies on, applied over whatever else is
 * configured, and its defaults, applied under it.
 */
public final class StreamsSettings {

    private static final int FULL_FETCH_BYTES = ConsumerConfig.DEFAULT_MAX_PARTITION_FETCH_BYTES;

    private StreamsSettings() {
    }

    /**
     * The input fetch wait: how long a fetch of the inputs waits for a full fetch's worth of records; zero
     * returns each fetch as soon as one record is there (Kafka's defaults, and then any
     * {@code main.consumer.fetch.*} setting applies).
     */
    public static Map<String, Object> required(StatusViewProperties properties) {
        Duration commitInterval = properties.commitInterval();
        Duration inputFetchWait = properties.inputFetchWait();
        Map<String, Object> settings = new HashMap<>();
        // docs/architecture.md, "Exactly once": a view, its state change and any dead letter are written atomically, once.
        settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Under exactly-once a view becomes visible to read_committed readers (the gateway) only when its
        // transaction commits, so the commit interval bounds the delay exactly-once adds to every status
        // change; the README's "Commit interval" gives the measurements behind the default.
        settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        if (!inputFetchWait.isZero()) {
            // A fetch that returns each input as it arrives costs a poll loop and a broker round trip per
            // event; the README's "Input fetch wait" gives the measurements, and the price while idle.
            settings.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
                    Math.toIntExact(inputFetchWait.toMillis()));
            // A trickle never fills this much (as much as one partition returns by default), so the wait
            // ends its fetch; a backlog fills it at once.
            settings.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), FULL_FETCH_BYTES);
        }
        return Map.copyOf(settings);
    }

    /** Kafka settings the status view uses unless {@code spring.kafka.streams.properties} says otherwise. */
    public static Map<String, Object> defaults() {
        // Every input becomes a view, often the same view again on provisioning.issues, and a changelog
        // record, all text-heavy: LZ4 raised the fold 1.5-2x and took a sixth off the broker's CPU per event.
        // The benchmarks README's "Output compression" gives the measurements, and why not zstd.
        return Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    }
}
