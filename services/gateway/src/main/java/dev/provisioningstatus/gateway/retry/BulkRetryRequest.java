package dev.provisioningstatus.gateway.retry;

/** Optional body of {@code POST /api/admin/provisioning/retry-failed}. */
public record BulkRetryRequest(Boolean includePartial) {

    public boolean partialIncluded() {
        return Boolean.TRUE.equals(includePartial);
    }
}
