package dev.provisioningstatus.events;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * How a service creates a contract topic it finds missing: partitions and replicas, the same for every
 * topic, read from {@code provisioning.topics.partitions} and {@code provisioning.topics.replication-factor}.
 * Existing topics are left as they are. A value not given takes the default: 3 partitions, 1 replica.
 */
public record TopicShape(Integer partitions, Short replicationFactor) {

    /** Where the services read it from. */
    public static final String PROPERTIES_PREFIX = "provisioning.topics";

    public static final int DEFAULT_PARTITIONS = 3;
    public static final short DEFAULT_REPLICATION_FACTOR = 1;

    public TopicShape {
        partitions = partitions != null ? partitions : DEFAULT_PARTITIONS;
        replicationFactor = replicationFactor != null ? replicationFactor : DEFAULT_REPLICATION_FACTOR;
    }

    public static TopicShape defaults() {
        return new TopicShape(null, null);
    }

    /** {@code topic} with this shape and its own settings (cleanup policy, retention). */
    public NewTopic declare(Topic<?> topic) {
        return declare(topic.name(), topic.configs());
    }

    /** A topic whose name is configured elsewhere, with the settings of the contract topic it stands for. */
    public NewTopic declare(String name, Map<String, String> configs) {
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }
}
