package dev.provisioningstatus.statusview.stream;

import dev.provisioningstatus.statusview.view.ProvisioningViewFolder;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Puts the status view's topology, required settings and defaults into the {@code StreamsBuilderFactoryBean}
 * of {@code @EnableKafkaStreams}. Everything else comes from {@code spring.kafka.streams.*}.
 */
@Configuration(proxyBeanMethods = false)
class StatusViewStreamsConfiguration {

    @Bean
    StreamsBuilderFactoryBeanConfigurer provisioningStatusStreams(StatusViewProperties properties, KafkaAdmin admin,
            MeterRegistry meters) {
        return factoryBean -> {
            Properties streams = factoryBean.getStreamsConfiguration();
            StreamsSettings.defaults().forEach(streams::putIfAbsent);
            streams.putAll(StreamsSettings.required(properties));
            factoryBean.setStreamsConfiguration(streams);
            factoryBean.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
                @Override
                public void configureBuilder(StreamsBuilder builder) {
                    new ProvisioningStatusTopology(new ProvisioningViewFolder(), meters,
                            new InputPartitions(admin))
                            .addTo(builder);
                }
            });
        };
    }
}
