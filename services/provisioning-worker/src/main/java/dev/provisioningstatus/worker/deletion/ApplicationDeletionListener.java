package dev.provisioningstatus.worker.deletion;

import dev.provisioningstatus.events.ApplicationRegistered;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Turns a tombstone on {@code applications}, from any producer, into a deprovisioning run. A tombstone
 * carries nothing, so the listener knows every application from the topic itself: on each assignment it
 * reads its partitions from the beginning (the topic is compacted: one registration per live id) and
 * acts only on tombstones at or after the group's committed position; earlier ones only update what it
 * knows. A tombstone for an application being deleted already (a deletion repeated after a failed
 * deprovisioning) starts the next attempt.
 *
 * <p>Incarnations follow the status view's rule: a registration of an id that is unknown or deleted starts
 * one, named by its event id; a registration of a live application keeps it.
 */
@Component
public class ApplicationDeletionListener implements ConsumerSeekAware {

    /** Counter of deletions that started a deprovisioning run, or found one running. */
    public static final String DELETIONS_COUNTER = "provisioning.deletions";

    private static final Logger log = LoggerFactory.getLogger(ApplicationDeletionListener.class);

    private final DeprovisioningRunStarter starter;
    private final MeterRegistry meters;
    private final Map<TopicPartition, Long> actFrom = new ConcurrentHashMap<>();
    private final Map<String, Known> applications = new ConcurrentHashMap<>();

    private record Known(ApplicationRegistered registration, String incarnation, boolean deleted) {
    }

    public ApplicationDeletionListener(DeprovisioningRunStarter starter, MeterRegistry meters) {
        this.starter = starter;
        this.meters = meters;
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        actFrom.putAll(assignments);
        callback.seekToBeginning(assignments.keySet());
    }

    // The group is its own: its committed offsets say which tombstones were acted on.
    @KafkaListener(id = "application-deletions", groupId = "provisioning-worker-deletions",
            containerFactory = "applicationRecordsContainerFactory",
            topics = "#{T(dev.provisioningstatus.events.Topics).APPLICATIONS.name()}",
            properties = "auto.offset.reset=latest")
    public void onRecord(ConsumerRecord<String, ApplicationRegistered> record) {
        boolean replayed = record.offset() < actFrom.getOrDefault(
                new TopicPartition(record.topic(), record.partition()), 0L);
        if (record.value() != null) {
            registered(record.value());
        } else if (!replayed) {
            deleted(record.key());
        } else {
            applications.computeIfPresent(record.key(),
                    (id, known) -> new Known(known.registration(), known.incarnation(), true));
        }
    }

    private void registered(ApplicationRegistered registration) {
        applications.compute(registration.applicationId(), (id, known) -> known == null || known.deleted()
                ? new Known(registration, registration.incarnation(), false)
                : new Known(registration, known.incarnation(), false));
    }

    /** Whether {@code incarnation} of the application is known to be deleted. */
    public boolean isDeleted(String applicationId, String incarnation) {
        Known known = applications.get(applicationId);
        return incarnation != null && known != null && known.deleted() && known.incarnation().equals(incarnation);
    }

    private void deleted(String applicationId) {
        Known known = applications.get(applicationId);
        if (known == null) {
            meters.counter(DELETIONS_COUNTER, "outcome", "unknown-application").increment();
            log.warn("Application {} was deleted, but its registration is not on the applications topic any more;"
                    + " nothing known to deprovision", applicationId);
            return;
        }
        applications.put(applicationId, new Known(known.registration(), known.incarnation(), true));
        DeprovisioningRunStarter.Decision decision = starter.start(known.registration(), known.incarnation());
        if (decision instanceof DeprovisioningRunStarter.Decision.Started started) {
            meters.counter(DELETIONS_COUNTER, "outcome", "started").increment();
            log.info("Application {} (incarnation {}) was deleted: deprovisioning attempt {} of {} started"
                    + " (workflow {}, run {})", applicationId, known.incarnation(), started.attempt(),
                    known.registration().environments(), started.workflowId(), started.runId());
        } else {
            meters.counter(DELETIONS_COUNTER, "outcome", "already-running").increment();
            log.info("Application {} (incarnation {}) was deleted again while its deprovisioning runs; nothing"
                    + " to start", applicationId, known.incarnation());
        }
    }
}
