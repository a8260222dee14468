package dev.provisioningstatus.gateway.view;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ProvisioningStatus;
import java.util.Map;
import java.util.Set;

/**
 * One accepted change of the index, numbered in the order it was applied.
 *
 * @param sequence            per-index, gap-free, starting at 1
 * @param before              the view held before, or {@code null} when the application was new
 * @param after               the view held after, or {@code null} when a tombstone removed it
 * @param statusCountsAfter   how many applications have each status once this change is applied
 * @param bannerCountsAfter   per workspace touched by this change, how many of its applications are
 *                            {@code failed} or {@code partial} once this change is applied
 */
public record ViewChange(
        long sequence,
        String applicationId,
        ApplicationProvisioningView before,
        ApplicationProvisioningView after,
        Map<ProvisioningStatus, Integer> statusCountsAfter,
        Map<String, Integer> bannerCountsAfter) {

    public ViewChange {
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
