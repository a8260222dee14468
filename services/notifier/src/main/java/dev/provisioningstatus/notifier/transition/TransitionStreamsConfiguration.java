package dev.provisioningstatus.notifier.transition;

import dev.provisioningstatus.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * Puts the transition topology into the {@code StreamsBuilderFactoryBean} of {@code @EnableKafkaStreams},
 * under exactly-once.
 */
@Configuration(proxyBeanMethods = false)
class TransitionStreamsConfiguration {

    @Bean
    StreamsBuilderFactoryBeanConfigurer transitionStreams(TransitionProperties properties, MeterRegistry meters) {
        return factoryBean -> {
            Properties streams = factoryBean.getStreamsConfiguration();
            // A transition, the state that makes the next view no transition, and the input offset are
            // committed together: a restart neither loses nor repeats one.
            streams.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            streams.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, properties.commitInterval().toMillis());
            factoryBean.setStreamsConfiguration(streams);
            factoryBean.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
                @Override
                public void configureTopology(Topology topology) {
                    new TransitionTopology(properties.topic(), Topics.NOTIFICATIONS_DLQ.name(), meters)
                            .addTo(topology);
                }
            });
        };
    }
}
