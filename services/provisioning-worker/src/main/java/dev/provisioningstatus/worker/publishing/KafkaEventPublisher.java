package dev.provisioningstatus.worker.publishing;

import dev.provisioningstatus.events.DeprovisioningFinished;
import dev.provisioningstatus.events.DeprovisioningStarted;
import dev.provisioningstatus.events.EnvironmentDeprovisioningResult;
import dev.provisioningstatus.events.EnvironmentProvisioningResult;
import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.ProvisioningFinished;
import dev.provisioningstatus.events.ProvisioningRequestRejected;
import dev.provisioningstatus.events.ProvisioningStarted;
import dev.provisioningstatus.events.Topics;
import io.temporal.spring.boot.ActivityImpl;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Sends each event keyed by its application id and waits for the broker's acknowledgement: the
 * workflow's events as activities, refusals for the command intake.
 */
@Component
@ActivityImpl(taskQueues = "${provisioning.worker.task-queue:provisioning}")
public class KafkaEventPublisher implements EventPublishingActivities, RejectionPublisher {

    private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);

    private final KafkaTemplate<String, ProvisioningEvent> template;

    public KafkaEventPublisher(KafkaTemplate<String, ProvisioningEvent> provisioningEventsTemplate) {
        this.template = provisioningEventsTemplate;
    }

    @Override
    public void publishStarted(ProvisioningStarted event) {
        publish(event);
    }

    @Override
    public void publishResult(EnvironmentProvisioningResult event) {
        publish(event);
    }

    @Override
    public void publishFinished(ProvisioningFinished event) {
        publish(event);
    }

    @Override
    public void publishDeprovisioningStarted(DeprovisioningStarted event) {
        publish(event);
    }

    @Override
    public void publishDeprovisioningResult(EnvironmentDeprovisioningResult event) {
        publish(event);
    }

    @Override
    public void publishDeprovisioningFinished(DeprovisioningFinished event) {
        publish(event);
    }

    @Override
    public void publishRejected(ProvisioningRequestRejected event) {
        publish(event);
    }

    private void publish(ProvisioningEvent event) {
        String topic = Topics.PROVISIONING_EVENTS.name();
        try {
            // The producer's delivery timeout bounds this wait; a failure makes Temporal retry the activity.
            SendResult<String, ProvisioningEvent> sent =
                    template.send(new ProducerRecord<>(topic, event.applicationId(), event)).get();
            log.info("Published {} {} of {} attempt {} at {}-{}@{}", event.getClass().getSimpleName(), event.eventId(),
                    event.applicationId(), event.attempt(), topic, sent.getRecordMetadata().partition(),
                    sent.getRecordMetadata().offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while publishing " + event.eventId(), e);
        } catch (ExecutionException e) {
            throw new KafkaException("publishing " + event.eventId() + " to " + topic + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }
}
