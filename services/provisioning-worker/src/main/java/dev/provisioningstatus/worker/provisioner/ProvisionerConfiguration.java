package dev.provisioningstatus.worker.provisioner;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Kafka's Admin API is the default backend; another {@link VirtualClusterProvisioner} bean replaces it. */
@Configuration(proxyBeanMethods = false)
class ProvisionerConfiguration {

    @Bean
    @ConditionalOnMissingBean(VirtualClusterProvisioner.class)
    KafkaAdminVirtualClusterProvisioner kafkaAdminVirtualClusterProvisioner(EnvironmentClusters clusters,
            ProvisionerProperties properties) {
        return new KafkaAdminVirtualClusterProvisioner(clusters, properties);
    }
}
