package dev.provisioningstatus.statusview.topics;

import dev.provisioningstatus.events.Topic;
import dev.provisioningstatus.events.Topics;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares the contract topics the status view reads and writes, so Kafka Streams never stops on a
 * missing source topic; Spring's {@code KafkaAdmin} creates the missing ones at start-up.
 */
@Configuration(proxyBeanMethods = false)
class ContractTopicsConfiguration {

    @Bean
    KafkaAdmin.NewTopics statusViewTopics(TopicProperties properties) {
        return new KafkaAdmin.NewTopics(List.of(Topics.APPLICATIONS, Topics.PROVISIONING_EVENTS,
                        Topics.PROVISIONING_STATUS, Topics.PROVISIONING_EVENTS_DLQ).stream()
                .map(topic -> declare(topic, properties))
                .toArray(NewTopic[]::new));
    }

    private static NewTopic declare(Topic<?> topic, TopicProperties properties) {
        return TopicBuilder.name(topic.name())
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .configs(topic.configs())
                .build();
    }
}
