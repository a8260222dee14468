package dev.provisioningstatus.worker.provisioner;

import io.temporal.spring.boot.ActivityImpl;
import org.springframework.stereotype.Component;

/** Runs the configured {@link VirtualClusterProvisioner} and hands its failures to Temporal, classified. */
@Component
@ActivityImpl(taskQueues = "${provisioning.worker.task-queue:provisioning}")
public class VirtualClusterActivitiesImpl implements VirtualClusterActivities {

    private final VirtualClusterProvisioner provisioner;

    public VirtualClusterActivitiesImpl(VirtualClusterProvisioner provisioner) {
        this.provisioner = provisioner;
    }

    @Override
    public VirtualCluster provisionVirtualCluster(VirtualClusterRequest request) {
        try {
            return provisioner.provision(request);
        } catch (RuntimeException e) {
            String context = "Provisioning virtual cluster " + request.virtualClusterId() + " failed";
            throw EnvironmentFailure.toApplicationFailure(FailureClassifier.classify(context, e));
        }
    }

    @Override
    public void deprovisionVirtualCluster(VirtualClusterRequest request) {
        try {
            provisioner.deprovision(request);
        } catch (RuntimeException e) {
            String context = "Deprovisioning virtual cluster " + request.virtualClusterId() + " failed";
            throw EnvironmentFailure.toApplicationFailure(FailureClassifier.classify(context, e));
        }
    }
}
