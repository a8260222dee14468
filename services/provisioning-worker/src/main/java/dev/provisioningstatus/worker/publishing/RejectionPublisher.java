package dev.provisioningstatus.worker.publishing;

import dev.provisioningstatus.events.ProvisioningRequestRejected;

/**
 * Makes a refused command visible on {@code provisioning.events}. The command intake calls it
 * directly, outside any workflow: a refused command starts no run. Returns once the broker
 * acknowledged the record; a failure is thrown, so the command is handled again.
 */
public interface RejectionPublisher {

    void publishRejected(ProvisioningRequestRejected event);
}
