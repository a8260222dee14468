package dev.provisioningstatus.gateway.view;

import java.util.Arrays;
import java.util.Objects;

/**
 * How far a reader of {@code provisioning.status} has read: the topic's id (a deleted and
 * recreated topic gets a new one, and its offsets mean nothing next to the old ones) and, per
 * partition, the offset of the next record to read. Every gateway instance reads the same log,
 * so a position means the same on any of them and after any restart. Immutable.
 */
public final class ViewPosition {

    private final String topicId;
    private final long[] nextOffsets;

    public ViewPosition(String topicId, long[] nextOffsets) {
        this.topicId = Objects.requireNonNull(topicId, "topicId");
        this.nextOffsets = nextOffsets.clone();
        for (long offset : this.nextOffsets) {
            if (offset < 0) {
                throw new IllegalArgumentException("negative offset in " + Arrays.toString(nextOffsets));
            }
        }
    }

    /** Where a reader of {@code partitions} partitions stands before reading anything. */
    public static ViewPosition start(String topicId, int partitions) {
        return new ViewPosition(topicId, new long[partitions]);
    }

    public String topicId() {
        return topicId;
    }

    public int partitions() {
        return nextOffsets.length;
    }

    /** The next offset to read in {@code partition}; 0 for a partition this position does not know. */
    public long nextOffset(int partition) {
        return partition < nextOffsets.length ? nextOffsets[partition] : 0;
    }

    /** Whether the record at {@code offset} of {@code partition} was read before this position. */
    public boolean covers(int partition, long offset) {
        return offset < nextOffset(partition);
    }

    /** Whether this position is at or past {@code other} in every partition (same topic). */
    public boolean reached(ViewPosition other) {
        if (!topicId.equals(other.topicId)) {
            return false;
        }
        for (int partition = 0; partition < other.nextOffsets.length; partition++) {
            if (nextOffset(partition) < other.nextOffsets[partition]) {
                return false;
            }
        }
        return true;
    }

    /** This position after reading the record at {@code offset} of {@code partition}. */
    ViewPosition after(int partition, long offset) {
        if (offset < nextOffset(partition)) {
            return this;
        }
        long[] next = Arrays.copyOf(nextOffsets, Math.max(nextOffsets.length, partition + 1));
        next[partition] = offset + 1;
        return new ViewPosition(topicId, next);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ViewPosition position && topicId.equals(position.topicId)
                && Arrays.equals(nextOffsets, position.nextOffsets);
    }

    @Override
    public int hashCode() {
        return 31 * topicId.hashCode() + Arrays.hashCode(nextOffsets);
    }

    @Override
    public String toString() {
        return topicId + Arrays.toString(nextOffsets);
    }
}
