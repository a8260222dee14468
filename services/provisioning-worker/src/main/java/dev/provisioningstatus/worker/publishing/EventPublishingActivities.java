package dev.provisioningstatus.worker.publishing;

import dev.provisioningstatus.events.DeprovisioningFinished;
import dev.provisioningstatus.events.DeprovisioningStarted;
import dev.provisioningstatus.events.EnvironmentDeprovisioningResult;
import dev.provisioningstatus.events.EnvironmentProvisioningResult;
import dev.provisioningstatus.events.ProvisioningFinished;
import dev.provisioningstatus.events.ProvisioningStarted;
import io.temporal.activity.ActivityInterface;

/**
 * Publishes the workflow's events on {@code provisioning.events}. Each returns once the broker
 * acknowledged the record. Event ids are deterministic, so a publication repeated by a retried
 * activity is recognisable downstream as the same event.
 */
@ActivityInterface
public interface EventPublishingActivities {

    void publishStarted(ProvisioningStarted event);

    void publishResult(EnvironmentProvisioningResult event);

    void publishFinished(ProvisioningFinished event);

    void publishDeprovisioningStarted(DeprovisioningStarted event);

    void publishDeprovisioningResult(EnvironmentDeprovisioningResult event);

    void publishDeprovisioningFinished(DeprovisioningFinished event);
}
