package dev.provisioningstatus.gateway.view;

import dev.provisioningstatus.events.ApplicationProvisioningView;

/**
 * One record read from {@code provisioning.status}: where it is, when it was written, and the
 * view it holds ({@code null}: a tombstone, the application was deleted).
 */
public record StatusRecord(int partition, long offset, long timestamp, String applicationId,
        ApplicationProvisioningView view) {
}
