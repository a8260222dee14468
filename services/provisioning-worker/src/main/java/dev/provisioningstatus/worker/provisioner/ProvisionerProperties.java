package dev.provisioningstatus.worker.provisioner;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the Kafka Admin provisioner talks to the environments' clusters. The timeouts are short
 * on purpose: a dead cluster must fail within seconds, Temporal retries the activity.
 *
 * @param registryTopic compacted topic on each cluster holding one entry per virtual cluster
 * @param connectTimeout TCP connect probe and client socket setup timeout
 * @param requestTimeout one Kafka request
 * @param apiTimeout one Admin API call, retries included
 * @param quotas client quotas given to every application principal
 */
@ConfigurationProperties("provisioning.provisioner")
public record ProvisionerProperties(
        @DefaultValue("_virtual-clusters") String registryTopic,
        @DefaultValue("3s") Duration connectTimeout,
        @DefaultValue("5s") Duration requestTimeout,
        @DefaultValue("10s") Duration apiTimeout,
        @DefaultValue Quotas quotas) {

    /**
     * @param producerByteRate bytes per second the application may produce
     * @param consumerByteRate bytes per second the application may fetch
     * @param requestPercentage share of a broker's request-handler and network threads, in percent
     */
    public record Quotas(
            @DefaultValue("1048576") long producerByteRate,
            @DefaultValue("2097152") long consumerByteRate,
            @DefaultValue("25") double requestPercentage) {
    }
}
