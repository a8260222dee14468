package dev.provisioningstatus.worker.provisioner;

import static dev.provisioningstatus.worker.fixtures.Commands.newApplicationId;
import static dev.provisioningstatus.worker.fixtures.Provisioners.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EventJson;
import dev.provisioningstatus.events.FailureReason;
import dev.provisioningstatus.testsupport.AuthorizingKafkaBroker;
import dev.provisioningstatus.worker.fixtures.ProvisionedState;
import dev.provisioningstatus.worker.fixtures.Provisioners;
import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The provisioner against a cluster that authenticates (SASL/PLAIN) and authorizes
 * ({@code StandardAuthorizer}, nothing allowed without an ACL): as a super user it really creates
 * the application's ACLs and quotas; as a user without rights it is refused.
 */
class AuthorizingClusterProvisioningTest {

    private static final String PROVISIONER = "provisioner";
    private static final String BYSTANDER = "bystander";
    private static final String OPERATOR = "operator";
    /** An application whose clients authenticate to the cluster: its principal is a user of the broker. */
    private static final String DELETED_APPLICATION = "deleted-app";
    private static final String DELETED_PRINCIPAL = "acme." + DELETED_APPLICATION;

    private static AuthorizingKafkaBroker cluster;

    @BeforeAll
    static void startCluster() {
        cluster = AuthorizingKafkaBroker.builder().superUser(PROVISIONER).superUser(OPERATOR).user(BYSTANDER)
                .user(DELETED_PRINCIPAL).start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void anAllowedProvisionerGrantsThePrincipalPrefixedAclsOnItsTopicsAndGroups() throws Exception {
        VirtualClusterRequest request = request(Environment.PROD, newApplicationId("acls"));
        String principal = "User:acme." + request.applicationId();
        String prefix = "acme." + request.applicationId() + ".";

        VirtualCluster provisioned = provisionerAs(PROVISIONER).provision(request);

        ProvisionedState state = stateOf(request);
        assertThat(state.acls()).containsExactlyInAnyOrder(
                allow(ResourceType.TOPIC, prefix, principal, AclOperation.READ),
                allow(ResourceType.TOPIC, prefix, principal, AclOperation.WRITE),
                allow(ResourceType.TOPIC, prefix, principal, AclOperation.CREATE),
                allow(ResourceType.TOPIC, prefix, principal, AclOperation.DESCRIBE),
                allow(ResourceType.TOPIC, prefix, principal, AclOperation.DESCRIBE_CONFIGS),
                allow(ResourceType.GROUP, prefix, principal, AclOperation.READ),
                allow(ResourceType.GROUP, prefix, principal, AclOperation.DESCRIBE));
        assertThat(provisioned.aclsEnforced()).isTrue();
        assertThat(EventJson.MAPPER.readValue(state.registryEntry(), RegistryEntry.class).acls())
                .isEqualTo(RegistryEntry.ACLS_GRANTED);
    }

    @Test
    void anAllowedProvisionerSetsThePrincipalsClientQuotas() throws Exception {
        VirtualClusterRequest request = request(Environment.PROD, newApplicationId("quotas"));

        provisionerAs(PROVISIONER).provision(request);

        assertThat(stateOf(request).quotas()).isEqualTo(Map.of(
                "producer_byte_rate", 1_048_576.0,
                "consumer_byte_rate", 2_097_152.0,
                "request_percentage", 25.0));
    }

    @Test
    void provisioningTwiceOnAnAuthorizingClusterEqualsProvisioningOnce() throws Exception {
        KafkaAdminVirtualClusterProvisioner provisioner = provisionerAs(PROVISIONER);
        VirtualClusterRequest request = request(Environment.PROD, newApplicationId("twice"));

        VirtualCluster first = provisioner.provision(request);
        ProvisionedState afterFirst = stateOf(request);
        VirtualCluster second = provisioner.provision(request);
        ProvisionedState afterSecond = stateOf(request);

        assertThat(second).isEqualTo(first);
        assertThat(afterSecond).isEqualTo(afterFirst);
        assertThat(afterFirst.acls()).hasSize(7);
    }

    @Test
    void aProvisionerThatIsNotAllowedFailsAsAuthorizationFailedWithoutRetries() throws Exception {
        // The cluster is in use: its registry topic exists, so the refusal is not about a missing topic.
        provisionerAs(PROVISIONER).provision(request(Environment.PROD, newApplicationId("earlier")));
        VirtualClusterRequest request = request(Environment.PROD, newApplicationId("refused"));
        KafkaAdminVirtualClusterProvisioner provisioner = provisionerAs(BYSTANDER);

        ProvisioningException failure = catchThrowableOfType(ProvisioningException.class,
                () -> provisioner.provision(request));
        ApplicationFailure toTemporal = catchThrowableOfType(ApplicationFailure.class,
                () -> new VirtualClusterActivitiesImpl(provisioner).provisionVirtualCluster(request));

        assertThat(failure.reason()).isEqualTo(FailureReason.AuthorizationFailed);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.detail()).contains("AuthorizationException");
        assertThat(toTemporal.getType()).isEqualTo(FailureReason.AuthorizationFailed.name());
        assertThat(toTemporal.isNonRetryable()).isTrue();
        ProvisionedState state = stateOf(request);
        assertThat(state.acls()).isEmpty();
        assertThat(state.quotas()).isEmpty();
        assertThat(state.registryEntry()).isNull();
    }

    @Test
    void deprovisioningRevokesEveryAclAndQuotaOfThePrincipalAndTwiceEqualsOnce() throws Exception {
        KafkaAdminVirtualClusterProvisioner provisioner = provisionerAs(PROVISIONER);
        VirtualClusterRequest request = request(Environment.PROD, newApplicationId("revoked"));
        provisioner.provision(request);

        provisioner.deprovision(request);
        ProvisionedState afterFirst = stateOf(request);
        provisioner.deprovision(request);

        assertThat(afterFirst.acls()).isEmpty();
        assertThat(afterFirst.quotas()).isEmpty();
        assertThat(afterFirst.registryEntry()).isNull();
        assertThat(stateOf(request)).isEqualTo(afterFirst);
    }

    @Test
    void afterDeprovisioningThePrincipalCanNoLongerProduceToItsPrefixedTopics() throws Exception {
        KafkaAdminVirtualClusterProvisioner provisioner = provisionerAs(PROVISIONER);
        VirtualClusterRequest request = request(Environment.PROD, DELETED_APPLICATION);
        String topic = request.resourcePrefix() + "orders";
        try (Admin operator = Admin.create(cluster.clientProperties(OPERATOR))) {
            operator.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        provisioner.provision(request);
        assertThat(produceAsTheApplication(topic)).isNull();

        provisioner.deprovision(request);

        assertThat(produceAsTheApplication(topic)).isInstanceOf(TopicAuthorizationException.class);
    }

    /** Produces one record as the application's principal: {@code null} when the broker took it, else why not. */
    private static Throwable produceAsTheApplication(String topic) throws InterruptedException {
        Map<String, Object> config = new HashMap<>(cluster.clientProperties(DELETED_PRINCIPAL));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key", "value")).get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (KafkaException e) {
            return e;
        }
    }

    private static KafkaAdminVirtualClusterProvisioner provisionerAs(String user) {
        return Provisioners.withClusters(Map.of("prod", cluster.bootstrapServers()), cluster.securityProperties(user));
    }

    private static ProvisionedState stateOf(VirtualClusterRequest request) throws Exception {
        return ProvisionedState.read(cluster.clientProperties(OPERATOR), request);
    }

    private static AclBinding allow(ResourceType type, String prefix, String principal, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, prefix, PatternType.PREFIXED),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
