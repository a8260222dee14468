package dev.provisioningstatus.notifier.delivery;

import dev.provisioningstatus.events.WebhookAddressPolicy;
import dev.provisioningstatus.events.WebhookSecretCipher;
import dev.provisioningstatus.notifier.subscription.Subscriptions;
import dev.provisioningstatus.notifier.transition.TransitionProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delivery side: subscriptions, the HTTP sender, the delivery log and the two loops that deliver. */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    /**
     * The notifier's name in Kafka: its Streams application id, and the prefix of its two consumer groups
     * (the delivery loop's committed offsets are the delivery progress), so two notifiers on one cluster
     * never share progress.
     */
    private static final String APPLICATION_ID = "${spring.kafka.streams.application-id}";

    /** Refuses to start without the key the gateway encrypts the subscriptions' secrets with. */
    @Bean
    WebhookSecretCipher webhookSecretCipher(@Value("${" + WebhookSecretCipher.KEY_PROPERTY + ":}") String key) {
        return WebhookSecretCipher.fromBase64Key(key);
    }

    @Bean
    WebhookAddressPolicy webhookAddressPolicy(
            @Value("${" + WebhookAddressPolicy.ALLOWLIST_PROPERTY + ":}") List<String> allowedHosts) {
        return new WebhookAddressPolicy(allowedHosts, WebhookAddressPolicy.HostResolver.system());
    }

    @Bean
    Subscriptions subscriptions(KafkaProperties kafka, WebhookSecretCipher cipher, MeterRegistry meters) {
        return new Subscriptions(consumers(kafka, null), cipher, meters);
    }

    @Bean(destroyMethod = "close")
    WebhookSender webhookSender(DeliveryProperties properties) {
        return new WebhookSender(properties);
    }

    @Bean(destroyMethod = "close")
    DeliveryRecords deliveryRecords(KafkaProperties kafka, MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new DeliveryRecords(new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()),
                meters);
    }

    @Bean
    WebhookDelivery webhookDelivery(WebhookSender sender, WebhookAddressPolicy policy, DeliveryRecords records,
            DeliveryProperties properties) {
        return new WebhookDelivery(sender, policy, new Backoff(properties, RandomGenerator.getDefault()), records,
                properties.maxAttempts(), Clock.systemUTC());
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService webhookDeliveries(DeliveryProperties properties) {
        return Executors.newFixedThreadPool(properties.maxConnections());
    }

    @Bean
    TransitionDeliveryLoop transitionDeliveryLoop(@Value(APPLICATION_ID) String applicationId,
            TransitionProperties transitions, KafkaProperties kafka, Subscriptions subscriptions,
            WebhookDelivery delivery, DeliveryRecords records, ExecutorService webhookDeliveries) {
        return new TransitionDeliveryLoop(transitions.topic(), consumers(kafka, applicationId + "-deliveries"),
                subscriptions,
                delivery, records, webhookDeliveries);
    }

    @Bean
    RedeliveryLoop redeliveryLoop(@Value(APPLICATION_ID) String applicationId, TransitionProperties transitions,
            KafkaProperties kafka, Subscriptions subscriptions, WebhookDelivery delivery, DeliveryRecords records) {
        return new RedeliveryLoop(consumers(kafka, applicationId + "-commands"), subscriptions,
                new TransitionLookup(transitions.topic(), consumers(kafka, null)), delivery, records);
    }

    /** Consumers that see only committed records; in {@code group}, or none to read a topic whole. */
    private static Supplier<Consumer<String, byte[]>> consumers(KafkaProperties kafka, String group) {
        return () -> {
            Map<String, Object> config = new HashMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            if (group != null) {
                config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
                // One record can take every attempt of its slowest subscriber before it is committed.
                config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5);
                config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 60 * 60 * 1000);
            }
            return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        };
    }
}
