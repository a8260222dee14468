package dev.provisioningstatus.gateway.retry;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Answer of {@code POST /api/admin/provisioning/retry-failed}. */
public record BulkRetryResult(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> queued,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Skipped> skipped) {

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
    public record Skipped(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String applicationId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {NOT_RETRYABLE, ALREADY_REQUESTED})
            String reason) {

        public static final String NOT_RETRYABLE = "not-retryable";
        public static final String ALREADY_REQUESTED = "already-requested";
    }
}
