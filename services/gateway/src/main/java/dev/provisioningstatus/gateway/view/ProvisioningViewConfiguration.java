package dev.provisioningstatus.gateway.view;

import dev.provisioningstatus.events.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
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
    ProvisioningViewIndex provisioningViewIndex() {
        return new ProvisioningViewIndex();
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
        Map<String, Object> adminConfig = new HashMap<>(kafka.buildAdminProperties());
        adminConfig.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "gateway-provisioning-status-topic");
        return new ProvisioningStatusFeed(
                () -> new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()),
                () -> describe(adminConfig, properties.retryBackoff()), index, properties);
    }

    /** The topic's id, partitions and tombstone retention; empty while the topic does not exist. */
    private static Optional<StatusTopic> describe(Map<String, Object> adminConfig, Duration timeout) {
        String topic = Topics.PROVISIONING_STATUS.name();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = Admin.create(adminConfig)) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            Config config = admin.describeConfigs(List.of(resource)).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(resource);
            long deleteRetentionMs = Long.parseLong(config.get(TopicConfig.DELETE_RETENTION_MS_CONFIG).value());
            return Optional.of(new StatusTopic(description.topicId().toString(), description.partitions().size(),
                    Duration.ofMillis(deleteRetentionMs)));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw new KafkaException("cannot describe " + topic, e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("describing " + topic + " took longer than " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while describing " + topic, e);
        }
    }

    /** Part of the readiness group: an instance that has not read the whole view would answer with gaps. */
    @Bean
    HealthIndicator provisioningView(ProvisioningStatusFeed feed, ProvisioningViewIndex index) {
        return () -> (feed.isCaughtUp() ? Health.up() : Health.outOfService())
                .withDetail("applications", index.size())
                .withDetail("position", String.valueOf(index.position()))
                .build();
    }
}
