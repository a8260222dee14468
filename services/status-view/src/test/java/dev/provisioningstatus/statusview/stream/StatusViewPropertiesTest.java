package dev.provisioningstatus.statusview.stream;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which input fetch waits the status view starts with: what Kafka can take, and no wait that stalls every change. */
class StatusViewPropertiesTest {

    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(20);

    @Test
    void noInputFetchWaitIsAccepted() {
        assertThatCode(() -> new StatusViewProperties(COMMIT_INTERVAL, Duration.ZERO)).doesNotThrowAnyException();
    }

    @Test
    void wholeMillisecondsUpToASecondAreAccepted() {
        assertThatCode(() -> new StatusViewProperties(COMMIT_INTERVAL, Duration.ofSeconds(1))).doesNotThrowAnyException();
    }

    @Test
    void aWaitUnderAMillisecondIsRefusedBecauseKafkaWouldFetchInABusyLoop() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new StatusViewProperties(COMMIT_INTERVAL, Duration.ofNanos(500_000)));
    }

    @Test
    void aWaitWithAFractionOfAMillisecondIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new StatusViewProperties(COMMIT_INTERVAL, Duration.ofNanos(5_500_000)));
    }

    @Test
    void aNegativeWaitIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new StatusViewProperties(COMMIT_INTERVAL, Duration.ofMillis(-5)));
    }

    @Test
    void aWaitOverASecondIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new StatusViewProperties(COMMIT_INTERVAL, Duration.ofMillis(1_001)));
    }
}
