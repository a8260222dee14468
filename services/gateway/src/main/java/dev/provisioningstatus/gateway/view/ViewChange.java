package dev.provisioningstatus.gateway.view;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ProvisioningStatus;
import java.util.Map;
import java.util.Set;

/**
 * One accepted change of the index: the record that made it and the view before and after.
 *
 * @param partition           the record's partition of {@code provisioning.status}
 * @param offset              the record's offset
 * @param position            the index's position once this change is applied
 * @param before              the view held before, or {@code null} when the application was new
 * @param after               the view held after, or {@code null} when a tombstone removed it
 * @param afterAsRead         {@code after} as read from the record, to render without decoding it again
 * @param statusCountsAfter   how many applications have each status once this change is applied
 * @param bannerCountsAfter   per workspace touched by this change, how many of its applications are
 *                            {@code failed} or {@code partial} once this change is applied
 */
public record ViewChange(
        int partition,
        long offset,
        ViewPosition position,
        String applicationId,
        HeldView before,
        HeldView after,
        ApplicationProvisioningView afterAsRead,
        Map<ProvisioningStatus, Integer> statusCountsAfter,
        Map<String, Integer> bannerCountsAfter) {

    public ViewChange {
        if ((after == null) != (afterAsRead == null)) {
            throw new IllegalArgumentException(
                    "the view held after a change comes with the view as read, a deletion with neither");
        }
        statusCountsAfter = Map.copyOf(statusCountsAfter);
        bannerCountsAfter = Map.copyOf(bannerCountsAfter);
    }

    public int statusCountAfter(Set<ProvisioningStatus> statuses) {
        return statuses.stream().mapToInt(status -> statusCountsAfter.getOrDefault(status, 0)).sum();
    }

    public int bannerCountAfter(String workspaceId) {
        return bannerCountsAfter.getOrDefault(workspaceId, 0);
    }
}
