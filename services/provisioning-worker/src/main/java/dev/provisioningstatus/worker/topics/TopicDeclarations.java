package dev.provisioningstatus.worker.topics;

import dev.provisioningstatus.events.TopicShape;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.worker.WorkerProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The topics the worker reads and writes; Spring's {@code KafkaAdmin} creates those that are missing at startup. */
@Configuration(proxyBeanMethods = false)
class TopicDeclarations {

    /** {@code provisioning.topics.*}, bound as Spring binds any setting (environment variables included). */
    @Bean
    TopicShape topicShape(Environment environment) {
        return Binder.get(environment).bind(TopicShape.PROPERTIES_PREFIX, TopicShape.class)
                .orElseGet(TopicShape::defaults);
    }

    @Bean
    KafkaAdmin.NewTopics provisioningWorkerTopics(TopicShape topics, WorkerProperties worker) {
        return new KafkaAdmin.NewTopics(
                topics.declare(Topics.PROVISIONING_COMMANDS),
                topics.declare(Topics.PROVISIONING_EVENTS),
                // Its name is configurable; kept as long as the contract's dead-letter topic says.
                topics.declare(worker.commandsDeadLetterTopic(), Topics.PROVISIONING_COMMANDS_DLQ.configs()));
    }
}
