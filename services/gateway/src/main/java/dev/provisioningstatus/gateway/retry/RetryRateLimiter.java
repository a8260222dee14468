package dev.provisioningstatus.gateway.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-caller token bucket for retry requests: {@code capacity} at once, refilled evenly over
 * {@code period}. Bounded memory: the least recently seen callers are forgotten first.
 */
final class RetryRateLimiter {

    private static final int MAX_CALLERS = 10_000;

    private static final class Bucket {
        double tokens;
        Instant refilledAt;

        Bucket(double tokens, Instant refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }

    private final int capacity;
    private final Duration period;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_CALLERS;
        }
    };

    RetryRateLimiter(int capacity, Duration period, Clock clock) {
        if (capacity < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a rate limit needs a positive capacity and period");
        }
        this.capacity = capacity;
        this.period = period;
        this.clock = clock;
    }

    /** Takes one token for {@code caller}; {@code false} when the caller has none left. */
    synchronized boolean tryAcquire(String caller) {
        Instant now = clock.instant();
        Bucket bucket = buckets.computeIfAbsent(caller, key -> new Bucket(capacity, now));
        Duration elapsed = Duration.between(bucket.refilledAt, now);
        if (!elapsed.isNegative() && !elapsed.isZero()) {
            bucket.tokens = Math.min(capacity,
                    bucket.tokens + capacity * (elapsed.toNanos() / (double) period.toNanos()));
            bucket.refilledAt = now;
        }
        if (bucket.tokens < 1) {
            return false;
        }
        bucket.tokens -= 1;
        return true;
    }
}
