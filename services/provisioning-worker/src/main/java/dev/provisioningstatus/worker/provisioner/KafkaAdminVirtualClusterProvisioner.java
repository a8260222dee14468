package dev.provisioningstatus.worker.provisioner;

import dev.provisioningstatus.events.EventJson;
import dev.provisioningstatus.events.FailureReason;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterClientQuotasOptions;
import org.apache.kafka.clients.admin.CreateAclsOptions;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DeleteAclsOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions a virtual cluster with Kafka's own Admin API on the environment's cluster: a
 * compacted registry topic with the application's entry, prefixed ACLs for the application's
 * principal on its topics and groups (when the cluster has an authorizer) and client quotas.
 * Every step is an upsert, so running it again changes nothing. Deprovisioning removes the same three
 * things (ACLs, quotas, registry entry with a tombstone); removing what is already gone changes nothing.
 */
public class KafkaAdminVirtualClusterProvisioner implements VirtualClusterProvisioner {

    private static final Logger log = LoggerFactory.getLogger(KafkaAdminVirtualClusterProvisioner.class);
    private static final List<AclOperation> TOPIC_OPERATIONS = List.of(AclOperation.READ, AclOperation.WRITE,
            AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);
    private static final List<AclOperation> GROUP_OPERATIONS = List.of(AclOperation.READ, AclOperation.DESCRIBE);

    private final EnvironmentClusters clusters;
    private final ProvisionerProperties properties;

    public KafkaAdminVirtualClusterProvisioner(EnvironmentClusters clusters, ProvisionerProperties properties) {
        this.clusters = clusters;
        this.properties = properties;
    }

    @Override
    public VirtualCluster provision(VirtualClusterRequest request) {
        return onCluster("Provisioning", request, cluster -> provisionOn(cluster, request));
    }

    @Override
    public void deprovision(VirtualClusterRequest request) {
        onCluster("Deprovisioning", request, cluster -> {
            deprovisionOn(cluster, request);
            return null;
        });
    }

    /** Work on the request's environment cluster, its failures classified alike whatever the work. */
    private <T> T onCluster(String action, VirtualClusterRequest request, ClusterWork<T> work) {
        EnvironmentClusters.Cluster cluster = clusters.of(request.environment()).orElseThrow(() ->
                new ProvisioningException(FailureReason.ClusterNotConfigured, false,
                        "No Kafka cluster is configured for environment '" + request.environment().id()
                                + "' (provisioning.environments." + request.environment().id() + ".bootstrap-servers)",
                        null));
        String context = action + " virtual cluster " + request.virtualClusterId() + " on the "
                + request.environment().id() + " cluster at " + cluster.bootstrapServers() + " failed";
        try {
            probe(cluster.bootstrapServers());
            return work.on(cluster);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FailureClassifier.classify(context, e);
        } catch (Exception e) {
            throw FailureClassifier.classify(context, e);
        }
    }

    @FunctionalInterface
    private interface ClusterWork<T> {
        T on(EnvironmentClusters.Cluster cluster) throws Exception;
    }

    /** ACLs first: once they are gone the principal can do nothing, whatever else is still left. */
    private void deprovisionOn(EnvironmentClusters.Cluster cluster, VirtualClusterRequest request)
            throws ExecutionException, InterruptedException {
        Admin admin = Admin.create(adminConfig(cluster));
        try {
            boolean aclsRemoved = revokeAcls(admin, request);
            removeQuotas(admin, request);
            boolean registered = admin.listTopics(new ListTopicsOptions().timeoutMs(apiTimeoutMs())).names().get()
                    .contains(properties.registryTopic());
            if (registered) {
                deregister(cluster, request.virtualClusterId());
            }
            log.info("Deprovisioned virtual cluster {} (ACLs {}, registry entry {})", request.virtualClusterId(),
                    aclsRemoved ? "revoked" : "none: the cluster has no authorizer",
                    registered ? "removed" : "none: no registry topic");
        } finally {
            admin.close(properties.apiTimeout());
        }
    }

    /** Deletes every ACL of the principal on its prefixes; false when the cluster has no authorizer. */
    private boolean revokeAcls(Admin admin, VirtualClusterRequest request)
            throws ExecutionException, InterruptedException {
        String principal = "User:" + request.principalName();
        List<AclBindingFilter> filters = new ArrayList<>();
        for (ResourceType type : List.of(ResourceType.TOPIC, ResourceType.GROUP)) {
            filters.add(new AclBindingFilter(
                    new ResourcePatternFilter(type, request.resourcePrefix(), PatternType.PREFIXED),
                    new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ANY)));
        }
        try {
            admin.deleteAcls(filters, new DeleteAclsOptions().timeoutMs(apiTimeoutMs())).all().get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SecurityDisabledException) {
                return false;
            }
            throw e;
        }
    }

    /** A quota set to {@code null} is removed; removing one that is not set changes nothing. */
    private void removeQuotas(Admin admin, VirtualClusterRequest request)
            throws ExecutionException, InterruptedException {
        List<ClientQuotaAlteration.Op> ops = new ArrayList<>();
        for (String key : List.of("producer_byte_rate", "consumer_byte_rate", "request_percentage")) {
            ops.add(new ClientQuotaAlteration.Op(key, null));
        }
        ClientQuotaEntity principal = new ClientQuotaEntity(Map.of(ClientQuotaEntity.USER, request.principalName()));
        admin.alterClientQuotas(List.of(new ClientQuotaAlteration(principal, ops)),
                new AlterClientQuotasOptions().timeoutMs(apiTimeoutMs())).all().get();
    }

    /** A tombstone for the entry: compaction drops it, readers of the registry see the cluster gone. */
    private void deregister(EnvironmentClusters.Cluster cluster, String virtualClusterId)
            throws ExecutionException, InterruptedException {
        try (KafkaProducer<String, String> producer = registryProducer(cluster)) {
            producer.send(new ProducerRecord<>(properties.registryTopic(), virtualClusterId, null)).get();
        }
    }

    private VirtualCluster provisionOn(EnvironmentClusters.Cluster cluster, VirtualClusterRequest request)
            throws ExecutionException, InterruptedException {
        Admin admin = Admin.create(adminConfig(cluster));
        try {
            DescribeClusterResult description = admin.describeCluster(
                    new DescribeClusterOptions().timeoutMs(apiTimeoutMs()));
            String clusterId = description.clusterId().get();
            int brokers = description.nodes().get().size();
            ensureRegistryTopic(admin, brokers);
            Map<String, Double> quotas = setQuotas(admin, request);
            boolean aclsEnforced = grantAcls(admin, request);
            RegistryEntry entry = new RegistryEntry(request.virtualClusterId(), request.environment(), clusterId,
                    request.workspaceId(), request.applicationId(), request.applicationName(),
                    "User:" + request.principalName(), request.resourcePrefix(),
                    aclsEnforced ? RegistryEntry.ACLS_GRANTED : RegistryEntry.ACLS_SKIPPED, quotas);
            register(cluster, entry);
            log.info("Provisioned virtual cluster {} on cluster {} (ACLs {})", entry.virtualClusterId(), clusterId,
                    entry.acls());
            return new VirtualCluster(request.virtualClusterId(), clusterId, aclsEnforced);
        } finally {
            admin.close(properties.apiTimeout());
        }
    }

    /**
     * The Admin client only reports "timed out" for a cluster it cannot reach; a plain TCP connect
     * tells a refused connection from one that times out, and does so in milliseconds.
     */
    private void probe(String bootstrapServers) throws IOException {
        IOException last = null;
        for (String address : bootstrapServers.split(",")) {
            String host = Utils.getHost(address.trim());
            Integer port = Utils.getPort(address.trim());
            if (host == null || port == null) {
                throw new ProvisioningException(FailureReason.ClusterNotConfigured, false,
                        "'" + address.trim() + "' is not a host:port bootstrap address", null);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), (int) properties.connectTimeout().toMillis());
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private void ensureRegistryTopic(Admin admin, int brokers) throws ExecutionException, InterruptedException {
        NewTopic registry = new NewTopic(properties.registryTopic(), 1, (short) Math.min(3, brokers))
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(registry), new CreateTopicsOptions().timeoutMs(apiTimeoutMs())).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private Map<String, Double> setQuotas(Admin admin, VirtualClusterRequest request)
            throws ExecutionException, InterruptedException {
        ProvisionerProperties.Quotas limits = properties.quotas();
        Map<String, Double> quotas = new LinkedHashMap<>();
        quotas.put("producer_byte_rate", (double) limits.producerByteRate());
        quotas.put("consumer_byte_rate", (double) limits.consumerByteRate());
        quotas.put("request_percentage", limits.requestPercentage());
        List<ClientQuotaAlteration.Op> ops = new ArrayList<>();
        quotas.forEach((key, value) -> ops.add(new ClientQuotaAlteration.Op(key, value)));
        ClientQuotaEntity principal = new ClientQuotaEntity(Map.of(ClientQuotaEntity.USER, request.principalName()));
        admin.alterClientQuotas(List.of(new ClientQuotaAlteration(principal, ops)),
                new AlterClientQuotasOptions().timeoutMs(apiTimeoutMs())).all().get();
        return quotas;
    }

    /** Returns false when the cluster has no authorizer: then there is nothing to grant. */
    private boolean grantAcls(Admin admin, VirtualClusterRequest request)
            throws ExecutionException, InterruptedException {
        String principal = "User:" + request.principalName();
        List<AclBinding> bindings = new ArrayList<>();
        String prefix = request.resourcePrefix();
        ResourcePattern topics = new ResourcePattern(ResourceType.TOPIC, prefix, PatternType.PREFIXED);
        ResourcePattern groups = new ResourcePattern(ResourceType.GROUP, prefix, PatternType.PREFIXED);
        TOPIC_OPERATIONS.forEach(op -> bindings.add(allow(topics, principal, op)));
        GROUP_OPERATIONS.forEach(op -> bindings.add(allow(groups, principal, op)));
        try {
            // Creating a binding that exists already is a no-op on the broker.
            admin.createAcls(bindings, new CreateAclsOptions().timeoutMs(apiTimeoutMs())).all().get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SecurityDisabledException) {
                return false;
            }
            throw e;
        }
    }

    private static AclBinding allow(ResourcePattern pattern, String principal, AclOperation operation) {
        return new AclBinding(pattern, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    private void register(EnvironmentClusters.Cluster cluster, RegistryEntry entry)
            throws ExecutionException, InterruptedException {
        try (KafkaProducer<String, String> producer = registryProducer(cluster)) {
            producer.send(new ProducerRecord<>(properties.registryTopic(), entry.virtualClusterId(),
                    EventJson.MAPPER.writeValueAsString(entry))).get();
        }
    }

    private KafkaProducer<String, String> registryProducer(EnvironmentClusters.Cluster cluster) {
        Map<String, Object> config = clientConfig(cluster);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, apiTimeoutMs());
        // Bounds the send future too: Kafka completes it, one way or the other, within the delivery timeout.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, apiTimeoutMs() + requestTimeoutMs());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private Map<String, Object> adminConfig(EnvironmentClusters.Cluster cluster) {
        Map<String, Object> config = clientConfig(cluster);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, apiTimeoutMs());
        return config;
    }

    private Map<String, Object> clientConfig(EnvironmentClusters.Cluster cluster) {
        Map<String, Object> config = new HashMap<>(cluster.properties());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "provisioning-worker-provisioner");
        long connectTimeoutMs = properties.connectTimeout().toMillis();
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMs());
        config.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, connectTimeoutMs);
        config.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, connectTimeoutMs);
        return config;
    }

    private int apiTimeoutMs() {
        return (int) properties.apiTimeout().toMillis();
    }

    private int requestTimeoutMs() {
        return (int) properties.requestTimeout().toMillis();
    }
}
