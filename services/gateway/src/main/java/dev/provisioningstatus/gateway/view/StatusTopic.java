package dev.provisioningstatus.gateway.view;

import java.time.Duration;

/**
 * What the reader of {@code provisioning.status} needs to know of the topic itself.
 *
 * @param topicId           Kafka's id of the topic, new whenever the topic is recreated
 * @param partitions        its partition count
 * @param deletionRetention its {@code delete.retention.ms}: how long a tombstone outlives compaction
 */
public record StatusTopic(String topicId, int partitions, Duration deletionRetention) {
}
