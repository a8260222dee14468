package dev.provisioningstatus.gateway.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RetryRateLimiterTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-10T12:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final RetryRateLimiter limiter = new RetryRateLimiter(2, Duration.ofMinutes(1), clock);

    @Test
    void aCallerMayBurstUpToTheCapacity() {
        assertThat(limiter.tryAcquire("alice")).isTrue();
        assertThat(limiter.tryAcquire("alice")).isTrue();
        assertThat(limiter.tryAcquire("alice")).isFalse();
    }

    @Test
    void callersHaveSeparateBudgets() {
        limiter.tryAcquire("alice");
        limiter.tryAcquire("alice");

        assertThat(limiter.tryAcquire("bob")).isTrue();
    }

    @Test
    void theBudgetRefillsOverThePeriod() {
        limiter.tryAcquire("alice");
        limiter.tryAcquire("alice");

        now.set(now.get().plusSeconds(30));

        assertThat(limiter.tryAcquire("alice")).isTrue();
        assertThat(limiter.tryAcquire("alice")).isFalse();
    }
}
