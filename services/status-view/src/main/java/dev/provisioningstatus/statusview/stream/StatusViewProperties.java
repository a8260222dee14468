package dev.provisioningstatus.statusview.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the status view's stream ({@code provisioning.status-view.*}).
 *
 * @param commitInterval how often Streams commits; under exactly-once, how soon a change becomes visible
 * @param inputFetchWait how long the broker holds a fetch of the inputs for more records to arrive: zero, or
 *     whole milliseconds up to {@link #MAX_INPUT_FETCH_WAIT}
 */
@ConfigurationProperties("provisioning.status-view")
public record StatusViewProperties(@DefaultValue("20ms") Duration commitInterval,
        @DefaultValue("5ms") Duration inputFetchWait) {

    /** Every change may wait this long at a trickle; far below the consumer's 30 s request timeout. */
    public static final Duration MAX_INPUT_FETCH_WAIT = Duration.ofSeconds(1);

    public StatusViewProperties {
        // Kafka takes whole milliseconds: 0.5 ms would become a 0 ms wait for a full fetch, which the
        // broker answers at once, empty, in a busy loop.
        if (inputFetchWait.isNegative() || inputFetchWait.compareTo(MAX_INPUT_FETCH_WAIT) > 0
                || inputFetchWait.toNanos() % 1_000_000 != 0) {
            throw new IllegalArgumentException("provisioning.status-view.input-fetch-wait must be 0ms, or whole "
                    + "milliseconds up to " + MAX_INPUT_FETCH_WAIT.toMillis() + "ms: " + inputFetchWait);
        }
    }
}
