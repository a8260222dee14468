package dev.provisioningstatus.worker.command;

import dev.provisioningstatus.events.DeadLetterHeaderNames;
import dev.provisioningstatus.events.ProvisionRequested;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.worker.WorkerProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How commands are read. A record the contract serde cannot read (not JSON, schema violation)
 * does not stop the partition: {@link ErrorHandlingDeserializer} hands the failure to the error
 * handler, which logs it and at once publishes the original bytes to the commands dead-letter
 * topic, with the reason in a {@code dlt-reason} header (besides Spring's {@code kafka_dlt-*}
 * headers). Other failures (Temporal unreachable, say) are retried with backoff for a while, then
 * dead-lettered too.
 */
@Configuration(proxyBeanMethods = false)
class CommandIntakeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CommandIntakeConfiguration.class);

    /** Header of a dead-lettered command: why it could not be processed, in words. */
    static final String REASON_HEADER = DeadLetterHeaderNames.COMMAND_REASON;

    /** How long a command whose handling keeps failing (not a bad record: those go at once) is retried. */
    static final Duration RETRY_FOR = Duration.ofMinutes(5);

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, ProvisionRequested> provisionCommandContainerFactory(
            KafkaProperties kafka, DefaultErrorHandler commandErrorHandler) {
        ErrorHandlingDeserializer<ProvisionRequested> values =
                new ErrorHandlingDeserializer<>(Topics.PROVISIONING_COMMANDS.valueSerde().deserializer());
        ConcurrentKafkaListenerContainerFactory<String, ProvisionRequested> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(kafka.buildConsumerProperties(),
                new StringDeserializer(), values));
        factory.setCommonErrorHandler(commandErrorHandler);
        return factory;
    }

    @Bean
    DefaultErrorHandler commandErrorHandler(KafkaTemplate<String, Object> commandsDeadLetterTemplate,
            WorkerProperties properties) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(commandsDeadLetterTemplate,
                (record, exception) -> new TopicPartition(properties.commandsDeadLetterTopic(), -1));
        // Spring's exception headers name the wrapper ("failed to deserialize"); this one says what was wrong.
        deadLetters.setHeadersFunction((record, exception) -> new RecordHeaders(new Header[] {
                new RecordHeader(REASON_HEADER, rootMessage(exception).getBytes(StandardCharsets.UTF_8))}));
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(RETRY_FOR.toMillis());
        // Deserialization failures are not retryable by default: they are recovered on first sight.
        return new DefaultErrorHandler((record, exception) -> {
            log.error("Command record {}-{}@{} (key {}) cannot be processed, sending it to {}: {}", record.topic(),
                    record.partition(), record.offset(), record.key(), properties.commandsDeadLetterTopic(),
                    rootMessage(exception));
            deadLetters.accept(record, exception);
        }, backOff);
    }

    /** Dead letters keep what was read: the original bytes of an unreadable record, the command otherwise. */
    @Bean
    ProducerFactory<String, Object> commandsDeadLetterProducerFactory(KafkaProperties kafka) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(ProvisionRequested.class, Topics.PROVISIONING_COMMANDS.valueSerde().serializer());
        return new DefaultKafkaProducerFactory<>(config, new StringSerializer(),
                new DelegatingByTypeSerializer(byType));
    }

    @Bean
    KafkaTemplate<String, Object> commandsDeadLetterTemplate(
            ProducerFactory<String, Object> commandsDeadLetterProducerFactory) {
        return new KafkaTemplate<>(commandsDeadLetterProducerFactory);
    }

    private static String rootMessage(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
