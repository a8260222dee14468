package dev.provisioningstatus.benchmarks.lab;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentCondition;
import dev.provisioningstatus.events.EnvironmentProvisioningResult;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.EventIds;
import dev.provisioningstatus.events.FailureReason;
import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.ProvisioningStarted;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.events.Topic;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.events.Trigger;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Contract events and views as the worker and the status view write them, and producers for them. */
public final class Events {

    /**
     * A failure text of a realistic size: the admins' error detail is a stack trace of about 2 KB, here one
     * message and frame repeated, which compresses better than a real one.
     */
    public static final String ERROR_DETAIL = ("org.apache.kafka.common.errors.TimeoutException: Timed out waiting "
            + "for a node assignment. Call: createAcls\n" + "\tat org.apache.kafka.clients.admin.KafkaAdminClient"
            + "$Call.fail(KafkaAdminClient.java:1023)\n").repeat(12);

    private Events() {
    }

    public static String workflowId(String applicationId) {
        return EventIds.workflowId(applicationId);
    }

    public static ApplicationRegistered registration(String applicationId, String workspaceId,
            List<Environment> environments) {
        return ApplicationRegistered.of(applicationId, "App " + applicationId, workspaceId, "Workspace " + workspaceId,
                environments, Instant.now());
    }

    public static ProvisioningStarted started(String applicationId, int attempt, List<Environment> environments) {
        return ProvisioningStarted.of(applicationId, null, workflowId(applicationId), attempt, environments,
                attempt == 1 ? Trigger.CREATED : Trigger.RETRY, UUID.randomUUID().toString(), Instant.now());
    }

    public static EnvironmentProvisioningResult failed(String applicationId, int attempt, Environment environment) {
        return EnvironmentProvisioningResult.failed(applicationId, null, workflowId(applicationId), attempt, environment,
                FailureReason.ConnectionTimeout, ERROR_DETAIL, true, Instant.now());
    }

    public static EnvironmentProvisioningResult succeeded(String applicationId, int attempt, Environment environment) {
        return EnvironmentProvisioningResult.succeeded(applicationId, null, workflowId(applicationId), attempt, environment,
                "vc-" + applicationId + "-" + environment.id(), Instant.now());
    }

    /**
     * A view as the status view would publish it: one environment, {@code dev}, failed at
     * {@code attempt} (or succeeded when {@code status} is completed).
     */
    public static ApplicationProvisioningView view(String applicationId, String workspaceId, ProvisioningStatus status,
            int attempt, long version) {
        return view(applicationId, workspaceId, status, attempt, version, ERROR_DETAIL);
    }

    /** As {@link #view}, with a one-line error detail: for bulk loads where the heap would hold a million stack traces. */
    public static ApplicationProvisioningView compactView(String applicationId, String workspaceId,
            ProvisioningStatus status) {
        return view(applicationId, workspaceId, status, 1, 1,
                "org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment.");
    }

    private static ApplicationProvisioningView view(String applicationId, String workspaceId,
            ProvisioningStatus status, int attempt, long version, String errorDetail) {
        Instant now = Instant.now();
        boolean failed = status != ProvisioningStatus.COMPLETED;
        EnvironmentCondition dev = new EnvironmentCondition(Environment.DEV,
                failed ? EnvironmentStatus.FAILED : EnvironmentStatus.SUCCEEDED,
                failed ? FailureReason.ConnectionTimeout : null,
                failed ? FailureReason.ConnectionTimeout.moderateMessage() : "Provisioned successfully",
                failed ? errorDetail : null, failed, failed ? null : "vc-" + applicationId, attempt, now, List.of());
        return new ApplicationProvisioningView(ApplicationProvisioningView.eventId(applicationId, version),
                applicationId, "App " + applicationId, workspaceId, "Workspace " + workspaceId, status,
                failed ? "dev: " + FailureReason.ConnectionTimeout.moderateMessage() : null, workflowId(applicationId),
                attempt, now, now, version, List.of(dev), null);
    }

    /** A producer of one contract topic. {@code lingerMs = 0} for latency runs, more for bulk loads. */
    public static <V> KafkaProducer<String, V> producer(String bootstrapServers, Topic<V> topic, int lingerMs) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, lingerMs == 0 ? 16_384 : 262_144);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(config, topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    public static ProducerRecord<String, ProvisioningEvent> record(ProvisioningEvent event) {
        return new ProducerRecord<>(Topics.PROVISIONING_EVENTS.name(), event.applicationId(), event);
    }

    public static ProducerRecord<String, ApplicationRegistered> record(ApplicationRegistered registration) {
        return new ProducerRecord<>(Topics.APPLICATIONS.name(), registration.applicationId(), registration);
    }

    public static ProducerRecord<String, ApplicationProvisioningView> record(ApplicationProvisioningView view) {
        return new ProducerRecord<>(Topics.PROVISIONING_STATUS.name(), view.applicationId(), view);
    }
}
