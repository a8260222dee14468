package dev.provisioningstatus.statusview.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

class KafkaStreamsStateHealthIndicatorTest {

    private final StreamsBuilderFactoryBean factoryBean = mock(StreamsBuilderFactoryBean.class);
    private final KafkaStreamsStateHealthIndicator indicator = new KafkaStreamsStateHealthIndicator(factoryBean);

    @Test
    void upWhileStreamsIsRunning() {
        streamsIn(KafkaStreams.State.RUNNING);

        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = {"CREATED", "REBALANCING"})
    void outOfServiceWhileStreamsIsStartingOrRebalancing(KafkaStreams.State state) {
        streamsIn(state);

        assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = {"PENDING_SHUTDOWN", "NOT_RUNNING", "PENDING_ERROR", "ERROR"})
    void downOnceStreamsIsStoppingOrFailed(KafkaStreams.State state) {
        streamsIn(state);

        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void outOfServiceBeforeStreamsIsCreated() {
        assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }

    private void streamsIn(KafkaStreams.State state) {
        KafkaStreams streams = mock(KafkaStreams.class);
        when(streams.state()).thenReturn(state);
        when(factoryBean.getKafkaStreams()).thenReturn(streams);
    }
}
