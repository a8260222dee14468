package dev.provisioningstatus.gateway.view;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ProvisioningViewConfiguration {

    @Bean
    ProvisioningViewIndex provisioningViewIndex(ProvisioningViewProperties properties) {
        return new ProvisioningViewIndex(properties.recentChanges());
    }

    @Bean
    ProvisioningStatusFeed provisioningStatusFeed(KafkaProperties kafka, ProvisioningViewIndex index,
            ProvisioningViewProperties properties) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        // Every instance reads every partition itself: no group, nothing to commit.
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-provisioning-status");
        return new ProvisioningStatusFeed(
                () -> new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()),
                index, properties);
    }

    /** Part of the readiness group: an instance that has not read the whole view would answer with gaps. */
    @Bean
    HealthIndicator provisioningView(ProvisioningStatusFeed feed, ProvisioningViewIndex index) {
        return () -> (feed.isCaughtUp() ? Health.up() : Health.outOfService())
                .withDetail("applications", index.size())
                .withDetail("sequence", index.sequence())
                .build();
    }
}
