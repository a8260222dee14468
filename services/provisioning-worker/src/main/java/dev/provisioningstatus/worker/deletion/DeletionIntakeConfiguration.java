package dev.provisioningstatus.worker.deletion;

import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.Topics;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How {@code applications} is read for deletions. An unreadable record is logged and skipped: the status
 * view dead-letters the same record with its reason, and it names no application this listener could act
 * on. A deletion whose run cannot be started (Temporal unreachable) is retried with backoff.
 */
@Configuration(proxyBeanMethods = false)
class DeletionIntakeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeletionIntakeConfiguration.class);

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, ApplicationRegistered> applicationRecordsContainerFactory(
            KafkaProperties kafka) {
        ErrorHandlingDeserializer<ApplicationRegistered> values =
                new ErrorHandlingDeserializer<>(Topics.APPLICATIONS.valueSerde().deserializer());
        ConcurrentKafkaListenerContainerFactory<String, ApplicationRegistered> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(kafka.buildConsumerProperties(),
                new StringDeserializer(), values));
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(300_000);
        factory.setCommonErrorHandler(new DefaultErrorHandler((record, exception) -> log.error(
                "Record {}-{}@{} (key {}) of applications cannot be handled, skipping it: {}", record.topic(),
                record.partition(), record.offset(), record.key(), exception.getMessage()), backOff));
        return factory;
    }
}
