package dev.provisioningstatus.worker.publishing;

import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.Topics;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The producer of {@code provisioning.events}: idempotent and acknowledged by all in-sync
 * replicas, so an acknowledged event is neither lost nor duplicated by producer retries. The
 * contract serde stamps the CloudEvents headers.
 */
@Configuration(proxyBeanMethods = false)
class PublishingConfiguration {

    @Bean
    ProducerFactory<String, ProvisioningEvent> provisioningEventsProducerFactory(KafkaProperties kafka) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new DefaultKafkaProducerFactory<>(config, new StringSerializer(),
                Topics.PROVISIONING_EVENTS.valueSerde().serializer());
    }

    @Bean
    KafkaTemplate<String, ProvisioningEvent> provisioningEventsTemplate(
            ProducerFactory<String, ProvisioningEvent> provisioningEventsProducerFactory) {
        return new KafkaTemplate<>(provisioningEventsProducerFactory);
    }
}
