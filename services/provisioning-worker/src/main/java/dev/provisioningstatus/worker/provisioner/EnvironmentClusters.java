package dev.provisioningstatus.worker.provisioner;

import dev.provisioningstatus.events.Environment;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Kafka cluster of each environment, {@code provisioning.environments.<dev|stage|prod>.*}.
 * An environment without bootstrap servers is not configured: provisioning there fails with
 * {@code ClusterNotConfigured}.
 */
@ConfigurationProperties("provisioning")
public record EnvironmentClusters(Map<String, Cluster> environments) {

    public EnvironmentClusters {
        environments = environments == null ? Map.of() : Map.copyOf(environments);
    }

    public Optional<Cluster> of(Environment environment) {
        return Optional.ofNullable(environments.get(environment.id()))
                .filter(cluster -> cluster.bootstrapServers() != null && !cluster.bootstrapServers().isBlank());
    }

    /**
     * @param bootstrapServers the environment's own cluster, {@code host:port[,host:port…]}
     * @param properties extra Kafka client settings for it (security protocol, SASL, TLS…)
     */
    public record Cluster(String bootstrapServers, Map<String, String> properties) {

        public Cluster {
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }
    }
}
