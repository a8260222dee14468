package dev.provisioningstatus.worker.provisioner;

/**
 * Creates an application's virtual cluster in one environment. Implementations are idempotent:
 * provisioning twice leaves the cluster as provisioning once does. Any failure is thrown as a
 * {@link ProvisioningException} that says why and whether trying again may help.
 */
public interface VirtualClusterProvisioner {

    VirtualCluster provision(VirtualClusterRequest request);

    /**
     * Removes what {@link #provision} created for the application in one environment: its ACLs, its
     * quotas and its registry entry. Removing what is not there is no failure, so this is idempotent too.
     */
    void deprovision(VirtualClusterRequest request);
}
