package dev.provisioningstatus.gateway.command;

import dev.provisioningstatus.events.ContractEvent;
import dev.provisioningstatus.events.Topic;
import dev.provisioningstatus.events.TopicShape;
import dev.provisioningstatus.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.DelegatingByTopicSerializer;

@Configuration(proxyBeanMethods = false)
class CommandConfiguration {

    /** The topics the gateway writes or reads; created when missing, left alone when they exist. */
    private static final List<Topic<?>> TOPICS = List.of(Topics.APPLICATIONS, Topics.PROVISIONING_COMMANDS,
            Topics.PROVISIONING_STATUS, Topics.NOTIFICATIONS_SUBSCRIPTIONS, Topics.NOTIFICATIONS_DELIVERIES,
            Topics.NOTIFICATIONS_COMMANDS);

    /** {@code provisioning.topics.*}, bound as Spring binds any setting (environment variables included). */
    @Bean
    TopicShape topicShape(Environment environment) {
        return Binder.get(environment).bind(TopicShape.PROPERTIES_PREFIX, TopicShape.class)
                .orElseGet(TopicShape::defaults);
    }

    @Bean
    KafkaAdmin.NewTopics gatewayTopics(TopicShape topics) {
        return new KafkaAdmin.NewTopics(TOPICS.stream().map(topics::declare).toArray(NewTopic[]::new));
    }

    @Bean
    DefaultKafkaProducerFactory<String, ContractEvent> commandProducerFactory(KafkaProperties kafka,
            CommandProperties properties) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        long timeoutMs = properties.timeout().toMillis();
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) (2 * timeoutMs));
        DefaultKafkaProducerFactory<String, ContractEvent> factory = new DefaultKafkaProducerFactory<>(config,
                new StringSerializer(), contractSerializer());
        // Unique per instance: two gateways sharing transactional ids would fence each other.
        factory.setTransactionIdPrefix(properties.transactionIdPrefix() + UUID.randomUUID() + "-");
        return factory;
    }

    @Bean
    KafkaTemplate<String, ContractEvent> commandTemplate(DefaultKafkaProducerFactory<String, ContractEvent> factory) {
        return new KafkaTemplate<>(factory);
    }

    @Bean
    ProvisioningCommandPublisher provisioningCommandPublisher(KafkaTemplate<String, ContractEvent> commandTemplate,
            MeterRegistry meters) {
        return new ProvisioningCommandPublisher(commandTemplate, meters);
    }

    @Bean
    IdempotencyKeys idempotencyKeys(CommandProperties properties, Clock clock) {
        return new IdempotencyKeys(properties.idempotencyKeys(), properties.idempotencyKeyTtl(), clock);
    }

    /** Each topic's contract serializer, which also stamps the CloudEvents headers. */
    @SuppressWarnings("unchecked")
    private static Serializer<ContractEvent> contractSerializer() {
        Map<Pattern, Serializer<?>> byTopic = new LinkedHashMap<>();
        byTopic.put(Pattern.compile(Pattern.quote(Topics.APPLICATIONS.name())),
                Topics.APPLICATIONS.valueSerde().serializer());
        byTopic.put(Pattern.compile(Pattern.quote(Topics.PROVISIONING_COMMANDS.name())),
                Topics.PROVISIONING_COMMANDS.valueSerde().serializer());
        byTopic.put(Pattern.compile(Pattern.quote(Topics.NOTIFICATIONS_SUBSCRIPTIONS.name())),
                Topics.NOTIFICATIONS_SUBSCRIPTIONS.valueSerde().serializer());
        byTopic.put(Pattern.compile(Pattern.quote(Topics.NOTIFICATIONS_COMMANDS.name())),
                Topics.NOTIFICATIONS_COMMANDS.valueSerde().serializer());
        Serializer<Object> noOtherTopic = (topic, data) -> {
            throw new SerializationException("the gateway writes no records to " + topic);
        };
        return (Serializer<ContractEvent>) (Serializer<?>) new DelegatingByTopicSerializer(byTopic, noOtherTopic);
    }
}
