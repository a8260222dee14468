package dev.provisioningstatus.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class QueryLatencyTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final QueryLatency latency = new QueryLatency(meters);

    private long count(String route) {
        Timer timer = meters.find(QueryLatency.METRIC).tag("route", route).timer();
        return timer == null ? -1 : timer.count();
    }

    @Test
    void everyRouteHasATimerBeforeItsFirstQuery() {
        assertThat(count("workspace-issues")).isZero();
        assertThat(count("platform-issues")).isZero();
        assertThat(count("application")).isZero();
    }

    @Test
    void aQueryIsTimedUnderItsRouteAndAnswersAsBefore() {
        String answer = latency.time(QueryLatency.Route.APPLICATION, () -> "the view");

        assertThat(answer).isEqualTo("the view");
        assertThat(count("application")).isEqualTo(1);
        assertThat(count("workspace-issues")).isZero();
    }

    @Test
    void aFailedQueryIsTimedToo() {
        assertThatThrownBy(() -> latency.time(QueryLatency.Route.WORKSPACE_ISSUES, () -> {
            throw new IllegalArgumentException("malformed id");
        })).hasMessage("malformed id");

        assertThat(count("workspace-issues")).isEqualTo(1);
    }
}
