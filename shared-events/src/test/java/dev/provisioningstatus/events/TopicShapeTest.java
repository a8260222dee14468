package dev.provisioningstatus.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicShapeTest {

    @Test
    void aValueNotGivenTakesTheDefault() {
        assertThat(new TopicShape(6, null)).isEqualTo(new TopicShape(6, (short) 1));
        assertThat(TopicShape.defaults()).isEqualTo(new TopicShape(3, (short) 1));
    }

    @Test
    void aDeclaredTopicHasTheShapeAndTheContractTopicsOwnSettings() {
        NewTopic declared = new TopicShape(6, (short) 3).declare(Topics.PROVISIONING_COMMANDS_DLQ);

        assertThat(declared.name()).isEqualTo("provisioning.commands.dlq");
        assertThat(declared.numPartitions()).isEqualTo(6);
        assertThat(declared.replicationFactor()).isEqualTo((short) 3);
        assertThat(declared.configs()).isEqualTo(Topics.PROVISIONING_COMMANDS_DLQ.configs());
    }

    @Test
    void theCatalogueListsEveryContractTopicTheDeadLetterTopicsIncluded() {
        assertThat(Topics.ALL).extracting(Topic::name).containsExactlyInAnyOrder("applications",
                "provisioning.commands", "provisioning.commands.dlq", "provisioning.events", "provisioning.status",
                "provisioning.issues", "provisioning.events.dlq", "notifications.subscriptions",
                "notifications.deliveries", "notifications.commands", "notifications.dlq");
    }
}
