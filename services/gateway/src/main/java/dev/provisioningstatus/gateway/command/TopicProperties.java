package dev.provisioningstatus.gateway.command;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Shape of the topics this service declares when they do not exist yet.
 *
 * @param partitions        partitions per topic
 * @param replicationFactor replicas per partition
 */
@ConfigurationProperties("provisioning.topics")
public record TopicProperties(@DefaultValue("3") int partitions, @DefaultValue("1") short replicationFactor) {
}
