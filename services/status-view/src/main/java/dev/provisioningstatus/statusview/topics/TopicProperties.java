package dev.provisioningstatus.statusview.topics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the topics this service uses are created when they do not exist yet ({@code provisioning.topics.*}).
 * Existing topics are left as they are.
 */
@ConfigurationProperties("provisioning.topics")
public record TopicProperties(@DefaultValue("3") int partitions, @DefaultValue("1") short replicationFactor) {
}
