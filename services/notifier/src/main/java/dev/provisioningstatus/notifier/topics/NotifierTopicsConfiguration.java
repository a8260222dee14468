package dev.provisioningstatus.notifier.topics;

import dev.provisioningstatus.events.TopicShape;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.notifier.transition.TransitionProperties;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares the topics the notifier reads and writes, its internal transitions topic included, so Kafka
 * Streams never stops on a missing source topic; Spring's {@code KafkaAdmin} creates the missing ones.
 */
@Configuration(proxyBeanMethods = false)
class NotifierTopicsConfiguration {

    /** {@code provisioning.topics.*}, bound as Spring binds any setting (environment variables included). */
    @Bean
    TopicShape topicShape(Environment environment) {
        return Binder.get(environment).bind(TopicShape.PROPERTIES_PREFIX, TopicShape.class)
                .orElseGet(TopicShape::defaults);
    }

    @Bean
    KafkaAdmin.NewTopics notifierTopics(TopicShape shape, TransitionProperties transitions) {
        return new KafkaAdmin.NewTopics(
                shape.declare(Topics.PROVISIONING_STATUS),
                shape.declare(Topics.NOTIFICATIONS_SUBSCRIPTIONS),
                shape.declare(Topics.NOTIFICATIONS_DELIVERIES),
                shape.declare(Topics.NOTIFICATIONS_COMMANDS),
                shape.declare(Topics.NOTIFICATIONS_DLQ),
                shape.declare(transitions.topic(), Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(transitions.retention().toMillis()))));
    }
}
