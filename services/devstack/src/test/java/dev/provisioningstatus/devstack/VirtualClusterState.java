package dev.provisioningstatus.devstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.quota.ClientQuotaFilterComponent;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What an environment's cluster holds for one application's principal, read with Kafka's Admin API and a
 * plain consumer of the registry topic: its client quotas and its registry entry (null once removed).
 */
record VirtualClusterState(Map<String, Double> quotas, String registryEntry) {

    static final String REGISTRY = "_virtual-clusters";

    static VirtualClusterState read(String bootstrapServers, String principal, String virtualClusterId)
            throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<String, Double> quotas = admin.describeClientQuotas(ClientQuotaFilter.containsOnly(List.of(
                            ClientQuotaFilterComponent.ofEntity(ClientQuotaEntity.USER, principal))))
                    .entities().get().values().stream().findFirst().orElse(Map.of());
            boolean registry = admin.listTopics().names().get().contains(REGISTRY);
            return new VirtualClusterState(quotas, registry ? latestValue(bootstrapServers, virtualClusterId) : null);
        }
    }

    private static String latestValue(String bootstrapServers, String key) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(REGISTRY).stream()
                    .map(info -> new TopicPartition(REGISTRY, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            for (int polls = 0; polls < 150 && partitions.stream()
                    .anyMatch(partition -> consumer.position(partition) < end.get(partition)); polls++) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records.stream().filter(record -> key.equals(record.key()))
                    .reduce((first, second) -> second).map(ConsumerRecord::value).orElse(null);
        }
    }
}
