package dev.provisioningstatus.worker.topics;

import dev.provisioningstatus.events.Topic;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.worker.WorkerProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** The topics the worker reads and writes; Spring's {@code KafkaAdmin} creates those that are missing at startup. */
@Configuration(proxyBeanMethods = false)
class TopicDeclarations {

    @Bean
    KafkaAdmin.NewTopics provisioningWorkerTopics(TopicProperties topics, WorkerProperties worker) {
        return new KafkaAdmin.NewTopics(
                declare(Topics.PROVISIONING_COMMANDS, topics),
                declare(Topics.PROVISIONING_EVENTS, topics),
                // Kept as long as the events' dead letters: time enough for an operator to look and replay.
                TopicBuilder.name(worker.commandsDeadLetterTopic())
                        .partitions(topics.partitions())
                        .replicas(topics.replicationFactor())
                        .configs(Topics.PROVISIONING_EVENTS_DLQ.configs())
                        .build());
    }

    private static NewTopic declare(Topic<?> topic, TopicProperties topics) {
        return TopicBuilder.name(topic.name())
                .partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .configs(topic.configs())
                .build();
    }
}
