package dev.provisioningstatus.devstack;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every record of one application on {@code provisioning.status}, read from the beginning and
 * {@code read_committed} as another service reads it; a {@code null} entry is a tombstone.
 */
final class StatusTopicHistory {

    private StatusTopicHistory() {
    }

    /** Reads until {@code last} holds for the latest record of the application, or the patience runs out. */
    static List<ApplicationProvisioningView> of(String bootstrapServers, String applicationId,
            Predicate<ApplicationProvisioningView> last, Duration patience) {
        List<ApplicationProvisioningView> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-status-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                Topics.PROVISIONING_STATUS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.PROVISIONING_STATUS.name()));
            long deadline = System.nanoTime() + patience.toNanos();
            while (System.nanoTime() < deadline && (records.isEmpty() || !last.test(records.get(records.size() - 1)))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (applicationId.equals(record.key())) {
                        records.add(record.value());
                    }
                });
            }
        }
        return records;
    }

    /**
     * The views a reader following the README's rule keeps: it drops a view whose version is not higher
     * than the one it holds, and a tombstone removes the application but not the version it remembers.
     */
    static List<ApplicationProvisioningView> keptByTheVersionRule(List<ApplicationProvisioningView> records) {
        List<ApplicationProvisioningView> kept = new ArrayList<>();
        long held = 0;
        for (ApplicationProvisioningView view : records.stream().filter(Objects::nonNull).toList()) {
            if (view.version() > held) {
                kept.add(view);
                held = view.version();
            }
        }
        return kept;
    }
}
