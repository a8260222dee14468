package dev.provisioningstatus.gateway.view;

import dev.provisioningstatus.events.ApplicationProvisioningView;

/**
 * What the index holds of one application: its current view and where the record that set it
 * is. For a deleted application {@code view} is {@code null} and this is its deletion marker,
 * kept as long as Kafka keeps the tombstone; {@code workspaceId} is then the workspace it was in.
 */
public record LatestRecord(String applicationId, String workspaceId, ApplicationProvisioningView view,
        int partition, long offset, long timestamp) {

    public boolean isDeleted() {
        return view == null;
    }
}
