package dev.provisioningstatus.statusview.stream;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams settings the status view relies on, applied over whatever else is configured. */
public final class StreamsSettings {

    private StreamsSettings() {
    }

    public static Map<String, Object> required(Duration commitInterval) {
        return Map.of(
                // docs/architecture.md, "Exactly once": a view, its state change and any dead letter are written atomically, once.
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
                // Under exactly-once a view becomes visible to read_committed readers (the gateway) only
                // when its transaction commits, so the commit interval bounds the delay exactly-once adds
                // to every status change; the README's "Commit interval" gives the measurements behind the default.
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
    }
}
