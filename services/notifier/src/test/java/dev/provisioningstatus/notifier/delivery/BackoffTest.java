package dev.provisioningstatus.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static DeliveryProperties properties(double jitter) {
        return new DeliveryProperties(6, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), jitter,
                Duration.ofSeconds(2), Duration.ofSeconds(5), 4096, 2, 64);
    }

    /** A random source whose every double is {@code value}. */
    private static RandomGenerator drawing(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void withoutJitterEachWaitDoublesTheLast() {
        Backoff backoff = new Backoff(properties(0), drawing(0.7));

        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void noWaitIsLongerThanTheMaximum() {
        Backoff backoff = new Backoff(properties(0), drawing(0.7));

        assertThat(backoff.after(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.after(40)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void jitterTakesARandomPartOffTheWait() {
        assertThat(new Backoff(properties(0.5), drawing(0.0)).after(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(new Backoff(properties(0.5), drawing(0.5)).after(3)).isEqualTo(Duration.ofSeconds(3));
        assertThat(new Backoff(properties(0.5), drawing(0.999)).after(3)).isGreaterThan(Duration.ofMillis(2000));
    }
}
