package dev.provisioningstatus.worker.provisioner;

/**
 * A provisioned virtual cluster.
 *
 * @param id the virtual cluster id, {@code <env>/<workspace>.<application>}
 * @param clusterId id of the Kafka cluster that hosts it
 * @param aclsEnforced false when the cluster has no authorizer, so no ACLs could be created
 */
public record VirtualCluster(String id, String clusterId, boolean aclsEnforced) {
}
