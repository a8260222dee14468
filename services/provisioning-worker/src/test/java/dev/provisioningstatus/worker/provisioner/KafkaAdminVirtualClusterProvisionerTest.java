package dev.provisioningstatus.worker.provisioner;

import static dev.provisioningstatus.worker.fixtures.Commands.newApplicationId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EventJson;
import dev.provisioningstatus.events.FailureReason;
import dev.provisioningstatus.testsupport.KafkaBroker;
import dev.provisioningstatus.testsupport.RealKafka;
import dev.provisioningstatus.worker.fixtures.Commands;
import dev.provisioningstatus.worker.fixtures.Ports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.quota.ClientQuotaFilterComponent;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

@RealKafka
class KafkaAdminVirtualClusterProvisionerTest {

    private static final String REGISTRY = "_virtual-clusters";

    @Test
    void aReachableClusterIsProvisionedAndProvisioningTwiceEqualsOnce(KafkaBroker broker) throws Exception {
        KafkaAdminVirtualClusterProvisioner provisioner = provisioner(Map.of("dev", broker.bootstrapServers()));
        VirtualClusterRequest request = request(Environment.DEV, newApplicationId("twice"));

        VirtualCluster first = provisioner.provision(request);
        ClusterState afterFirst = stateOf(broker, request);
        VirtualCluster second = provisioner.provision(request);
        ClusterState afterSecond = stateOf(broker, request);

        assertThat(first.id()).isEqualTo("dev/acme." + request.applicationId());
        assertThat(second).isEqualTo(first);
        assertThat(afterSecond).isEqualTo(afterFirst);
        assertThat(afterFirst.registryCleanupPolicy()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        assertThat(afterFirst.quotas()).containsEntry("producer_byte_rate", 1_048_576.0)
                .containsEntry("consumer_byte_rate", 2_097_152.0)
                .containsEntry("request_percentage", 25.0);
        RegistryEntry entry = EventJson.MAPPER.readValue(afterFirst.registryEntry(), RegistryEntry.class);
        assertThat(entry.virtualClusterId()).isEqualTo(first.id());
        assertThat(entry.principal()).isEqualTo("User:acme." + request.applicationId());
        assertThat(entry.resourcePrefix()).isEqualTo("acme." + request.applicationId() + ".");
        // The test broker runs without an authorizer, so the ACL step is skipped and the entry says why.
        assertThat(first.aclsEnforced()).isFalse();
        assertThat(entry.acls()).contains("SecurityDisabledException");
    }

    @Test
    void aClusterRefusingConnectionsFailsAsRetryableConnectionRefused() {
        KafkaAdminVirtualClusterProvisioner provisioner =
                provisioner(Map.of("stage", "127.0.0.1:" + Ports.closedPort()));

        ProvisioningException failure = catchThrowableOfType(ProvisioningException.class,
                () -> provisioner.provision(request(Environment.STAGE, newApplicationId("refused"))));

        assertThat(failure.reason()).isEqualTo(FailureReason.ConnectionRefused);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.detail()).contains("stage cluster at 127.0.0.1:").contains("java.net.ConnectException");
    }

    @Test
    void anEnvironmentWithoutBootstrapServersIsNotConfiguredAndNotRetryable(KafkaBroker broker) {
        KafkaAdminVirtualClusterProvisioner provisioner = provisioner(Map.of("dev", broker.bootstrapServers()));

        ProvisioningException failure = catchThrowableOfType(ProvisioningException.class,
                () -> provisioner.provision(request(Environment.PROD, newApplicationId("unconfigured"))));

        assertThat(failure.reason()).isEqualTo(FailureReason.ClusterNotConfigured);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.detail()).contains("provisioning.environments.prod.bootstrap-servers");
    }

    /** Builds the provisioner from properties, as the application does, with the defaults of its properties. */
    private static KafkaAdminVirtualClusterProvisioner provisioner(Map<String, String> bootstrapByEnvironment) {
        Map<String, String> properties = new HashMap<>();
        bootstrapByEnvironment.forEach((environment, bootstrap) ->
                properties.put("provisioning.environments." + environment + ".bootstrap-servers", bootstrap));
        Binder binder = new Binder(new MapConfigurationPropertySource(properties));
        EnvironmentClusters clusters = binder.bindOrCreate("provisioning", Bindable.of(EnvironmentClusters.class));
        ProvisionerProperties settings = binder.bindOrCreate("provisioning.provisioner",
                Bindable.of(ProvisionerProperties.class));
        return new KafkaAdminVirtualClusterProvisioner(clusters, settings);
    }

    private static VirtualClusterRequest request(Environment environment, String applicationId) {
        return new VirtualClusterRequest(environment, Commands.WORKSPACE, applicationId, "App " + applicationId);
    }

    /** What provisioning leaves on the cluster for one application. */
    private record ClusterState(String registryCleanupPolicy, Map<String, Double> quotas, String registryEntry) {
    }

    private static ClusterState stateOf(KafkaBroker broker, VirtualClusterRequest request) throws Exception {
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            ConfigResource registry = new ConfigResource(ConfigResource.Type.TOPIC, REGISTRY);
            Config config = admin.describeConfigs(List.of(registry)).all().get().get(registry);
            ClientQuotaFilter principal = ClientQuotaFilter.containsOnly(List.of(
                    ClientQuotaFilterComponent.ofEntity(ClientQuotaEntity.USER, request.principalName())));
            Map<String, Double> quotas = admin.describeClientQuotas(principal).entities().get().values().stream()
                    .findFirst().orElse(Map.of());
            return new ClusterState(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value(), quotas,
                    latestRegistryValue(broker, request.virtualClusterId()));
        }
    }

    /** The registry's current value for a key: the last record with that key, as compaction would keep it. */
    private static String latestRegistryValue(KafkaBroker broker, String key) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            var partitions = consumer.partitionsFor(REGISTRY).stream()
                    .map(info -> new TopicPartition(REGISTRY, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            for (int polls = 0; polls < 100 && partitions.stream()
                    .anyMatch(partition -> consumer.position(partition) < end.get(partition)); polls++) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records.stream().filter(record -> key.equals(record.key()))
                    .reduce((first, second) -> second).map(ConsumerRecord::value).orElse(null);
        }
    }
}
