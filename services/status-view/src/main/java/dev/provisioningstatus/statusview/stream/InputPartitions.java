package dev.provisioningstatus.statusview.stream;

import dev.provisioningstatus.events.Topics;
import java.util.Map;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.admin.TopicDescription;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The partition count of both inputs, read from the cluster once, when the first task starts (the topics
 * exist by then). They must match: an application's records of both topics meet in one task.
 */
final class InputPartitions implements IntSupplier {

    private final KafkaAdmin admin;
    private volatile int partitions;

    InputPartitions(KafkaAdmin admin) {
        this.admin = admin;
    }

    @Override
    public int getAsInt() {
        if (partitions == 0) {
            partitions = describe();
        }
        return partitions;
    }

    private int describe() {
        Map<String, TopicDescription> inputs = admin.describeTopics(Topics.APPLICATIONS.name(),
                Topics.PROVISIONING_EVENTS.name());
        int applications = inputs.get(Topics.APPLICATIONS.name()).partitions().size();
        int events = inputs.get(Topics.PROVISIONING_EVENTS.name()).partitions().size();
        if (applications != events) {
            throw new IllegalStateException(Topics.APPLICATIONS.name() + " has " + applications + " partitions but "
                    + Topics.PROVISIONING_EVENTS.name() + " has " + events
                    + ": the status view needs the same number on both");
        }
        return applications;
    }
}
