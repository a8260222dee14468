package dev.provisioningstatus.worker.provisioner;

import static dev.provisioningstatus.worker.fixtures.Commands.newApplicationId;
import static dev.provisioningstatus.worker.fixtures.Provisioners.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EventJson;
import dev.provisioningstatus.events.FailureReason;
import dev.provisioningstatus.testsupport.KafkaBroker;
import dev.provisioningstatus.testsupport.RealKafka;
import dev.provisioningstatus.worker.fixtures.Ports;
import dev.provisioningstatus.worker.fixtures.ProvisionedState;
import dev.provisioningstatus.worker.fixtures.Provisioners;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

@RealKafka
class KafkaAdminVirtualClusterProvisionerTest {

    @Test
    void aReachableClusterIsProvisionedAndProvisioningTwiceEqualsOnce(KafkaBroker broker) throws Exception {
        KafkaAdminVirtualClusterProvisioner provisioner =
                Provisioners.withClusters(Map.of("dev", broker.bootstrapServers()));
        VirtualClusterRequest request = request(Environment.DEV, newApplicationId("twice"));

        VirtualCluster first = provisioner.provision(request);
        ProvisionedState afterFirst = stateOf(broker, request);
        VirtualCluster second = provisioner.provision(request);
        ProvisionedState afterSecond = stateOf(broker, request);

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
        // The shared test broker runs without an authorizer, so the ACL step is skipped and the entry says why.
        assertThat(first.aclsEnforced()).isFalse();
        assertThat(afterFirst.acls()).isEmpty();
        assertThat(entry.acls()).contains("SecurityDisabledException");
    }

    @Test
    void deprovisioningRemovesTheQuotasAndTheRegistryEntryAndTwiceEqualsOnce(KafkaBroker broker) throws Exception {
        KafkaAdminVirtualClusterProvisioner provisioner =
                Provisioners.withClusters(Map.of("dev", broker.bootstrapServers()));
        VirtualClusterRequest request = request(Environment.DEV, newApplicationId("deprovisioned"));
        provisioner.provision(request);

        provisioner.deprovision(request);
        ProvisionedState afterFirst = stateOf(broker, request);
        provisioner.deprovision(request);
        ProvisionedState afterSecond = stateOf(broker, request);

        assertThat(afterFirst.quotas()).isEmpty();
        assertThat(afterFirst.registryEntry()).isNull();
        assertThat(afterFirst.acls()).isEmpty();
        assertThat(afterSecond).isEqualTo(afterFirst);
    }

    @Test
    void deprovisioningWhatWasNeverProvisionedChangesNothingAndSucceeds(KafkaBroker broker) throws Exception {
        KafkaAdminVirtualClusterProvisioner provisioner =
                Provisioners.withClusters(Map.of("dev", broker.bootstrapServers()));
        VirtualClusterRequest request = request(Environment.DEV, newApplicationId("never"));

        provisioner.deprovision(request);

        ProvisionedState state = stateOf(broker, request);
        assertThat(state.quotas()).isEmpty();
        assertThat(state.registryEntry()).isNull();
    }

    @Test
    void deprovisioningOnAClusterRefusingConnectionsFailsAsRetryableConnectionRefused() {
        KafkaAdminVirtualClusterProvisioner provisioner =
                Provisioners.withClusters(Map.of("stage", "127.0.0.1:" + Ports.closedPort()));

        ProvisioningException failure = catchThrowableOfType(ProvisioningException.class,
                () -> provisioner.deprovision(request(Environment.STAGE, newApplicationId("refused"))));

        assertThat(failure.reason()).isEqualTo(FailureReason.ConnectionRefused);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.detail()).startsWith("Deprovisioning virtual cluster");
    }

    @Test
    void aClusterRefusingConnectionsFailsAsRetryableConnectionRefused() {
        KafkaAdminVirtualClusterProvisioner provisioner =
                Provisioners.withClusters(Map.of("stage", "127.0.0.1:" + Ports.closedPort()));

        ProvisioningException failure = catchThrowableOfType(ProvisioningException.class,
                () -> provisioner.provision(request(Environment.STAGE, newApplicationId("refused"))));

        assertThat(failure.reason()).isEqualTo(FailureReason.ConnectionRefused);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.detail()).contains("stage cluster at 127.0.0.1:").contains("java.net.ConnectException");
    }

    @Test
    void anEnvironmentWithoutBootstrapServersIsNotConfiguredAndNotRetryable(KafkaBroker broker) {
        KafkaAdminVirtualClusterProvisioner provisioner =
                Provisioners.withClusters(Map.of("dev", broker.bootstrapServers()));

        ProvisioningException failure = catchThrowableOfType(ProvisioningException.class,
                () -> provisioner.provision(request(Environment.PROD, newApplicationId("unconfigured"))));

        assertThat(failure.reason()).isEqualTo(FailureReason.ClusterNotConfigured);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.detail()).contains("provisioning.environments.prod.bootstrap-servers");
    }

    private static ProvisionedState stateOf(KafkaBroker broker, VirtualClusterRequest request) throws Exception {
        return ProvisionedState.read(
                Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), request);
    }
}
