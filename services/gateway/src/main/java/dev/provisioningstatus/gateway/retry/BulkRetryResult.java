package dev.provisioningstatus.gateway.retry;

import java.util.List;

/** Answer of {@code POST /api/admin/provisioning/retry-failed}. */
public record BulkRetryResult(List<String> queued, List<Skipped> skipped) {

    public BulkRetryResult {
        queued = List.copyOf(queued);
        skipped = List.copyOf(skipped);
    }

    /**
     * An application that was not retried.
     *
     * @param reason {@code not-retryable} (no failed environment is marked retryable) or
     *               {@code already-requested} (a retry of its current state was already sent)
     */
    public record Skipped(String applicationId, String reason) {
    }
}
