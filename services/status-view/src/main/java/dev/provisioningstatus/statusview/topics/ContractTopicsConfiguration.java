package dev.provisioningstatus.statusview.topics;

import dev.provisioningstatus.events.TopicShape;
import dev.provisioningstatus.events.Topics;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares the contract topics the status view reads and writes, so Kafka Streams never stops on a
 * missing source topic; Spring's {@code KafkaAdmin} creates the missing ones at start-up.
 */
@Configuration(proxyBeanMethods = false)
class ContractTopicsConfiguration {

    /** {@code provisioning.topics.*}, bound as Spring binds any setting (environment variables included). */
    @Bean
    TopicShape topicShape(Environment environment) {
        return Binder.get(environment).bind(TopicShape.PROPERTIES_PREFIX, TopicShape.class)
                .orElseGet(TopicShape::defaults);
    }

    @Bean
    KafkaAdmin.NewTopics statusViewTopics(TopicShape topics) {
        return new KafkaAdmin.NewTopics(Stream.of(Topics.APPLICATIONS, Topics.PROVISIONING_EVENTS,
                        Topics.PROVISIONING_STATUS, Topics.PROVISIONING_ISSUES, Topics.PROVISIONING_EVENTS_DLQ)
                .map(topics::declare)
                .toArray(NewTopic[]::new));
    }
}
