package dev.provisioningstatus.gateway.view;

import dev.provisioningstatus.events.ApplicationProvisioningView;

/**
 * One record read from {@code provisioning.status}: where it is, when it was written, and the
 * view it holds ({@code null}: a tombstone, the application was deleted), both as read and as the
 * bytes it was read from.
 */
public record StatusRecord(int partition, long offset, long timestamp, String applicationId,
        ApplicationProvisioningView view, byte[] value) {

    public StatusRecord {
        if ((view == null) != (value == null)) {
            throw new IllegalArgumentException("a view comes with the bytes it was read from, a tombstone with none");
        }
    }
}
