package dev.provisioningstatus.gateway.webhook;

import dev.provisioningstatus.events.ContractEvent;
import dev.provisioningstatus.events.WebhookAddressPolicy;
import dev.provisioningstatus.events.WebhookSecretCipher;
import dev.provisioningstatus.gateway.view.ProvisioningViewProperties;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    /** Refuses to start without a valid key, as without the token key: secrets could not be stored. */
    @Bean
    WebhookSecretCipher webhookSecretCipher(WebhookProperties properties) {
        return WebhookSecretCipher.fromBase64Key(properties.secretKey());
    }

    /** The system's resolver unless the context has another: tests bring one that queries no DNS server. */
    @Bean
    WebhookAddressPolicy webhookAddressPolicy(WebhookProperties properties,
            ObjectProvider<WebhookAddressPolicy.HostResolver> resolver) {
        return new WebhookAddressPolicy(properties.allowedHosts(),
                resolver.getIfAvailable(WebhookAddressPolicy.HostResolver::system));
    }

    @Bean
    WebhookIndex webhookIndex(WebhookProperties properties) {
        return new WebhookIndex(properties.deliveryLogSize());
    }

    @Bean
    WebhookFeed webhookFeed(KafkaProperties kafka, WebhookIndex index, ProvisioningViewProperties view) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        // Every instance reads every partition itself: no group, nothing to commit.
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-webhooks");
        return new WebhookFeed(() -> new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()),
                index, view.pollTimeout(), view.retryBackoff());
    }

    @Bean
    WebhookPublisher webhookPublisher(KafkaTemplate<String, ContractEvent> commandTemplate) {
        return new WebhookPublisher(commandTemplate);
    }

    @Bean
    WebhookSubscriptions webhookSubscriptions(WebhookAddressPolicy policy, WebhookSecretCipher cipher,
            WebhookIndex index, WebhookPublisher publisher, Clock clock, WebhookProperties properties) {
        return new WebhookSubscriptions(new WebhookRequestValidator(policy), cipher, index, publisher, clock,
                properties.visibleWithin());
    }

    /** Part of the readiness group: an instance that has not read every subscription would answer with gaps. */
    @Bean
    HealthIndicator webhooks(WebhookFeed feed, WebhookIndex index) {
        return () -> (feed.isCaughtUp() ? Health.up() : Health.outOfService())
                .withDetail("subscriptions", index.size())
                .build();
    }
}
