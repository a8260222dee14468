package dev.provisioningstatus.statusview.stream;

import dev.provisioningstatus.statusview.view.ProvisioningViewFolder;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Properties;
import org.apache.kafka.streams.Topology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * Puts the status view's topology and required settings into the {@code StreamsBuilderFactoryBean}
 * of {@code @EnableKafkaStreams}. Everything else comes from {@code spring.kafka.streams.*}.
 */
@Configuration(proxyBeanMethods = false)
class StatusViewStreamsConfiguration {

    @Bean
    ProvisioningStatusTopology provisioningStatusTopology(MeterRegistry meters) {
        return new ProvisioningStatusTopology(new ProvisioningViewFolder(), meters);
    }

    @Bean
    StreamsBuilderFactoryBeanConfigurer provisioningStatusStreams(ProvisioningStatusTopology topology,
            StatusViewProperties properties) {
        return factoryBean -> {
            Properties streams = factoryBean.getStreamsConfiguration();
            streams.putAll(StreamsSettings.required(properties.commitInterval()));
            factoryBean.setStreamsConfiguration(streams);
            factoryBean.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
                @Override
                public void configureTopology(Topology builtTopology) {
                    topology.addTo(builtTopology);
                }
            });
        };
    }
}
