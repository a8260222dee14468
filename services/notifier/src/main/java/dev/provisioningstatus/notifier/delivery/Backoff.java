package dev.provisioningstatus.notifier.delivery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: after failed attempt {@code n} the wait is
 * {@code min(maxBackoff, initialBackoff × multiplier^(n-1))}, of which the {@code jitter} fraction is
 * random. Bounded by {@code maxBackoff}; the attempts by {@code maxAttempts}.
 */
public final class Backoff {

    private final DeliveryProperties properties;
    private final RandomGenerator random;

    public Backoff(DeliveryProperties properties, RandomGenerator random) {
        this.properties = properties;
        this.random = random;
    }

    /** The wait after failed attempt {@code attempt} (1-based). */
    public Duration after(int attempt) {
        double exponential = properties.initialBackoff().toMillis()
                * Math.pow(properties.backoffMultiplier(), attempt - 1);
        double capped = Math.min(properties.maxBackoff().toMillis(), exponential);
        double jittered = capped * (1 - properties.jitter() * random.nextDouble());
        return Duration.ofMillis(Math.round(jittered));
    }
}
