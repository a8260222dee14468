package dev.provisioningstatus.statusview.health;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.stereotype.Component;

/**
 * Marks the service broken once Kafka Streams has failed for good ({@code ERROR}): it never folds
 * again by itself, so the liveness probe should make the platform restart it.
 */
@Component
class StreamsFailureLiveness implements StreamsBuilderFactoryBeanConfigurer {

    private final ApplicationEventPublisher events;

    StreamsFailureLiveness(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void configure(StreamsBuilderFactoryBean factoryBean) {
        factoryBean.setStateListener((newState, oldState) -> {
            if (newState == KafkaStreams.State.ERROR) {
                AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
            }
        });
    }
}
