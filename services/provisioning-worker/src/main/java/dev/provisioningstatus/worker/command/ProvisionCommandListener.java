package dev.provisioningstatus.worker.command;

import dev.provisioningstatus.events.EventIds;
import dev.provisioningstatus.events.ProvisionRequested;
import dev.provisioningstatus.events.ProvisioningRequestRejected;
import dev.provisioningstatus.worker.deletion.ApplicationDeletionListener;
import dev.provisioningstatus.worker.publishing.RejectionPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Command intake: every {@code ProvisionRequested} on {@code provisioning.commands} becomes a
 * provisioning run, unless Temporal refuses it because a run is in progress. A refusal is an
 * expected answer, not an error: it is published as {@code ProvisioningRequestRejected} on
 * {@code provisioning.events} (so whoever asked can see it), logged and counted, and the consumer
 * moves on. If the refusal cannot be published, the handling fails and the command is handled
 * again later, deciding afresh. A command for an incarnation known to be deleted (a retry sent just
 * before the deletion) starts nothing: it would grant again what deprovisioning removes.
 */
@Component
public class ProvisionCommandListener {

    /** Counter of commands Temporal refused because a run of the application was in progress. */
    public static final String REJECTED_COUNTER = "provisioning.commands.rejected";
    /** Counter of commands that started a run. */
    public static final String STARTED_COUNTER = "provisioning.commands.started";
    /** Counter of commands that needed no run (redelivered, or nothing left to provision), tagged by reason. */
    public static final String SKIPPED_COUNTER = "provisioning.commands.skipped";

    private static final Logger log = LoggerFactory.getLogger(ProvisionCommandListener.class);

    private final ProvisioningRunStarter starter;
    private final RejectionPublisher rejections;
    private final ApplicationDeletionListener deletions;
    private final MeterRegistry meters;

    public ProvisionCommandListener(ProvisioningRunStarter starter, RejectionPublisher rejections,
            ApplicationDeletionListener deletions, MeterRegistry meters) {
        this.starter = starter;
        this.rejections = rejections;
        this.deletions = deletions;
        this.meters = meters;
    }

    // The group is spring.kafka.consumer.group-id (provisioning-worker), not the listener id.
    @KafkaListener(id = "provisioning-commands", idIsGroup = false,
            containerFactory = "provisionCommandContainerFactory",
            topics = "#{T(dev.provisioningstatus.events.Topics).PROVISIONING_COMMANDS.name()}")
    public void onRecord(ConsumerRecord<String, ProvisionRequested> record) {
        if (record.value() == null) {
            log.warn("Ignoring an empty command record (key {}) at {}-{}@{}", record.key(), record.topic(),
                    record.partition(), record.offset());
            return;
        }
        handle(record.value());
    }

    public StartDecision handle(ProvisionRequested command) {
        StartDecision decision = deletions.isDeleted(command.applicationId(), command.incarnation())
                ? new StartDecision.IncarnationDeleted(
                        EventIds.workflowId(command.applicationId(), command.incarnation()), command.incarnation())
                : starter.start(command);
        if (decision instanceof StartDecision.Started started) {
            meters.counter(STARTED_COUNTER).increment();
            log.info("Command {} ({}, by {}) started provisioning attempt {} of {} in {} (workflow {}, run {})",
                    command.commandId(), command.trigger().id(), command.requestedBy(), started.attempt(),
                    command.applicationId(), started.environments(), started.workflowId(), started.runId());
        } else if (decision instanceof StartDecision.RejectedRunInProgress rejected) {
            rejections.publishRejected(ProvisioningRequestRejected.runInProgress(command, rejected.workflowId(),
                    rejected.runningAttempt(), Instant.now()));
            meters.counter(REJECTED_COUNTER, "reason", "run-in-progress").increment();
            log.warn("Command {} ({}, by {}) rejected: provisioning attempt {} of {} is still in progress"
                            + " (workflow {}, run {}); Temporal refused a second run, refusal published",
                    command.commandId(), command.trigger().id(), command.requestedBy(), rejected.runningAttempt(),
                    command.applicationId(), rejected.workflowId(), rejected.runningRunId());
        } else if (decision instanceof StartDecision.AlreadyHandled handled) {
            meters.counter(SKIPPED_COUNTER, "reason", "already-handled").increment();
            log.info("Command {} for {} was handled already by run {}; ignoring the redelivery",
                    command.commandId(), command.applicationId(), handled.runId());
        } else if (decision instanceof StartDecision.IncarnationDeleted deleted) {
            meters.counter(SKIPPED_COUNTER, "reason", "incarnation-deleted").increment();
            log.warn("Command {} ({}, by {}) is for incarnation {} of {}, which was deleted; nothing to provision",
                    command.commandId(), command.trigger().id(), command.requestedBy(), deleted.incarnation(),
                    command.applicationId());
        } else if (decision instanceof StartDecision.NothingToProvision nothing) {
            meters.counter(SKIPPED_COUNTER, "reason", "nothing-to-provision").increment();
            log.info("Command {} for {}: every requested environment {} succeeded by attempt {}; nothing to run",
                    command.commandId(), command.applicationId(), command.environments(), nothing.lastAttempt());
        }
        return decision;
    }
}
