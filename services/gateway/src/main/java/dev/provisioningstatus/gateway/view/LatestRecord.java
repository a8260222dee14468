package dev.provisioningstatus.gateway.view;

/**
 * What the index holds of one application: its current view and where the record that set it
 * is. For a deleted application {@code held} is {@code null} and this is its deletion marker,
 * kept as long as Kafka keeps the tombstone; {@code workspaceId} is then the workspace it was in.
 */
public record LatestRecord(String applicationId, String workspaceId, HeldView held,
        int partition, long offset, long timestamp) {

    public boolean isDeleted() {
        return held == null;
    }
}
