package dev.provisioningstatus.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/** The catalogue of public topics (docs/architecture.md, "Topics"). */
public final class Topics {

    public static final Topic<ApplicationRegistered> APPLICATIONS = new Topic<>("applications",
            new EventSerde<>(ApplicationRegistered.class, "/gateway"), compacted());

    public static final Topic<ProvisionRequested> PROVISIONING_COMMANDS = new Topic<>("provisioning.commands",
            new EventSerde<>(ProvisionRequested.class, "/gateway"), retainedFor(Duration.ofDays(7)));

    public static final Topic<ProvisioningEvent> PROVISIONING_EVENTS = new Topic<>("provisioning.events",
            new EventSerde<>(ProvisioningEvent.class, "/provisioning-worker"), retainedFor(Duration.ofDays(30)));

    /** Commands the worker could not read, with their original bytes and the reason in a header. */
    public static final Topic<byte[]> PROVISIONING_COMMANDS_DLQ = new Topic<>("provisioning.commands.dlq",
            Serdes.ByteArray(), retainedFor(Duration.ofDays(30)));

    public static final Topic<ApplicationProvisioningView> PROVISIONING_STATUS = new Topic<>("provisioning.status",
            new EventSerde<>(ApplicationProvisioningView.class, "/status-view"), compacted());

    /**
     * The views of the applications that need attention (status not {@code completed}), in the same
     * schema: a tombstone once one completes or is deleted. Written by the status view in the same
     * transaction as {@link #PROVISIONING_STATUS}, so an alerting service can read just the issues.
     */
    public static final Topic<ApplicationProvisioningView> PROVISIONING_ISSUES = new Topic<>("provisioning.issues",
            new EventSerde<>(ApplicationProvisioningView.class, "/status-view"), compacted());

    public static final Topic<byte[]> PROVISIONING_EVENTS_DLQ = new Topic<>("provisioning.events.dlq",
            Serdes.ByteArray(), retainedFor(Duration.ofDays(30)));

    /** Webhook subscriptions, keyed by subscription id; written by the gateway, a tombstone deletes one. */
    public static final Topic<WebhookSubscription> NOTIFICATIONS_SUBSCRIPTIONS = new Topic<>(
            "notifications.subscriptions", new EventSerde<>(WebhookSubscription.class, "/gateway"), compacted());

    /** Every attempt of the notifier to deliver a webhook, keyed by subscription id: the delivery log. */
    public static final Topic<WebhookDeliveryAttempt> NOTIFICATIONS_DELIVERIES = new Topic<>("notifications.deliveries",
            new EventSerde<>(WebhookDeliveryAttempt.class, "/notifier"), retainedFor(Duration.ofDays(7)));

    /** Commands to the notifier (redeliveries), keyed by subscription id. */
    public static final Topic<WebhookRedeliveryRequested> NOTIFICATIONS_COMMANDS = new Topic<>("notifications.commands",
            new EventSerde<>(WebhookRedeliveryRequested.class, "/gateway"), retainedFor(Duration.ofDays(7)));

    /** Deliveries the notifier gave up on after its last attempt, keyed by subscription id. */
    public static final Topic<byte[]> NOTIFICATIONS_DLQ = new Topic<>("notifications.dlq",
            Serdes.ByteArray(), retainedFor(Duration.ofDays(30)));

    public static final List<Topic<?>> ALL = List.of(APPLICATIONS, PROVISIONING_COMMANDS, PROVISIONING_COMMANDS_DLQ,
            PROVISIONING_EVENTS, PROVISIONING_STATUS, PROVISIONING_ISSUES, PROVISIONING_EVENTS_DLQ,
            NOTIFICATIONS_SUBSCRIPTIONS, NOTIFICATIONS_DELIVERIES, NOTIFICATIONS_COMMANDS, NOTIFICATIONS_DLQ);

    private Topics() {
    }

    private static Map<String, String> compacted() {
        return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    }

    private static Map<String, String> retainedFor(Duration retention) {
        return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
    }
}
