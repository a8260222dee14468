package dev.provisioningstatus.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The worker's own settings.
 *
 * @param taskQueue Temporal task queue the workflow and its activities run on
 * @param commandsDeadLetterTopic where unreadable (or, after retries, unprocessable) commands go, with
 *        their original bytes
 */
@ConfigurationProperties("provisioning.worker")
public record WorkerProperties(
        @DefaultValue("provisioning") String taskQueue,
        @DefaultValue("provisioning.commands.dlq") String commandsDeadLetterTopic) {
}
