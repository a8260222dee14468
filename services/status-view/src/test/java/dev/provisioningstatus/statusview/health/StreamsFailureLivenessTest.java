package dev.provisioningstatus.statusview.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

class StreamsFailureLivenessTest {

    private final ApplicationEventPublisher events = mock(ApplicationEventPublisher.class);
    private final StreamsBuilderFactoryBean factoryBean = mock(StreamsBuilderFactoryBean.class);

    @Test
    void streamsInErrorMarksTheServiceBroken() {
        stateListener().onChange(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR);

        ArgumentCaptor<ApplicationEvent> published = ArgumentCaptor.forClass(ApplicationEvent.class);
        verify(events).publishEvent(published.capture());
        assertThat(published.getValue()).isInstanceOfSatisfying(AvailabilityChangeEvent.class,
                change -> assertThat(change.getState()).isEqualTo(LivenessState.BROKEN));
    }

    @Test
    void rebalancingLeavesLivenessAlone() {
        stateListener().onChange(KafkaStreams.State.REBALANCING, KafkaStreams.State.RUNNING);

        verifyNoInteractions(events);
    }

    private KafkaStreams.StateListener stateListener() {
        new StreamsFailureLiveness(events).configure(factoryBean);
        ArgumentCaptor<KafkaStreams.StateListener> listener = ArgumentCaptor.forClass(KafkaStreams.StateListener.class);
        verify(factoryBean).setStateListener(listener.capture());
        return listener.getValue();
    }
}
