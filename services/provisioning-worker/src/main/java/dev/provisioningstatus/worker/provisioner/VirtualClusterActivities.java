package dev.provisioningstatus.worker.provisioner;

import io.temporal.activity.ActivityInterface;

/** The provisioning workflow's only way to touch a cluster. */
@ActivityInterface
public interface VirtualClusterActivities {

    /**
     * Provisions one environment. Fails with an {@code ApplicationFailure} whose type is the
     * {@link dev.provisioningstatus.events.FailureReason} name (see {@link EnvironmentFailure}).
     */
    VirtualCluster provisionVirtualCluster(VirtualClusterRequest request);

    /** Removes one environment's virtual cluster of a deleted application; fails as provisioning does. */
    void deprovisionVirtualCluster(VirtualClusterRequest request);
}
