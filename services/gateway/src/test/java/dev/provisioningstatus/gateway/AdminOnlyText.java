package dev.provisioningstatus.gateway;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.AttemptRecord;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentCondition;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.EventIds;
import dev.provisioningstatus.events.FailureReason;
import dev.provisioningstatus.events.ProvisioningStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Views carrying admin-only text the way real failures produce it (Java stack traces, broker host
 * names, IPv4 and IPv6 addresses, workflow ids), in every text field a producer could fill, and
 * the scan that finds such text in a payload.
 */
public final class AdminOnlyText {

    public static final String HOST = "kafka-stage-1.internal.example.com";
    public static final String IPV4 = "10.1.2.3:9092";
    public static final String IPV6 = "[fd00:ec2::17]:9093";
    public static final String STACK_TRACE = """
            org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: createAcls
            \tat org.apache.kafka.clients.admin.KafkaAdminClient$Call.fail(KafkaAdminClient.java:1038)
            \tat org.apache.kafka.clients.admin.KafkaAdminClient$AdminClientRunnable.run(KafkaAdminClient.java:1507)
            \tat java.base/java.lang.Thread.run(Thread.java:840)
            Caused by: java.net.ConnectException: Connection refused: kafka-stage-1.internal.example.com/10.1.2.3:9092
            \tat java.base/sun.nio.ch.Net.pollConnect(Native Method)
            """;
    public static final String RAW_MESSAGE = "Connection to node 1 (" + HOST + "/" + IPV4 + ") could not be established;"
            + " fallback " + IPV6 + " refused";
    public static final String RAW_ERROR = "java.net.ConnectException: Connection refused: " + HOST + "/" + IPV4
            + " (workflow " + EventIds.workflowId("scan-sample") + ")";

    private static final Instant AT = Instant.parse("2025-03-04T05:06:07Z");

    /** What the scan looks for; each pattern names the kind of admin-only text it finds. */
    private static final Map<String, Pattern> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("stack trace", Pattern.compile("\\bat [\\w$/]+(?:\\.[\\w$<>]+)+\\(|\\w*(?:Exception|Error):|Caused by:"));
        KINDS.put("IPv4 address", Pattern.compile("(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\d.])"));
        // Three or more colons between hex groups, or "::": never a timestamp (which has two).
        KINDS.put("IPv6 address", Pattern.compile("(?i)(?<![0-9a-z:])(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\\b|::"));
        KINDS.put("host name", Pattern.compile("(?i)\\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+"
                + "(?:internal|local|localdomain|lan|corp|intra|example|com|net|org|io|cloud)\\b|" + Pattern.quote(HOST)));
        // Workflow ids are "provisioning-<applicationId>"; the API's own paths say "provisioning-issues".
        KINDS.put("workflow id", Pattern.compile("\\bprovisioning-(?!issues\\b)[a-z0-9][a-z0-9-]*"));
    }

    private AdminOnlyText() {
    }

    /** Every admin-only text in {@code payload}, as {@code "kind: match"}; empty when there is none. */
    public static List<String> findIn(String payload) {
        List<String> found = new ArrayList<>();
        if (payload == null) {
            return found;
        }
        KINDS.forEach((kind, pattern) -> {
            Matcher matcher = pattern.matcher(payload);
            while (matcher.find()) {
                found.add(kind + ": " + matcher.group());
            }
        });
        return found;
    }

    /** The kinds of admin-only text in {@code payload}. */
    public static List<String> kindsIn(String payload) {
        return findIn(payload).stream().map(finding -> finding.substring(0, finding.indexOf(':'))).distinct().toList();
    }

    public static List<String> kinds() {
        return List.copyOf(KINDS.keySet());
    }

    /** Every environment failed: one with a reason code, one without (an error the worker could not classify). */
    public static ApplicationProvisioningView failed(String applicationId, String workspaceId, long version) {
        return view(applicationId, workspaceId, ProvisioningStatus.FAILED, 1, version, List.of(
                failedIn(Environment.DEV, FailureReason.ConnectionRefused, 1),
                failedIn(Environment.STAGE, null, 1)));
    }

    public static ApplicationProvisioningView partial(String applicationId, String workspaceId, long version) {
        return view(applicationId, workspaceId, ProvisioningStatus.PARTIAL, 1, version, List.of(
                succeededIn(Environment.DEV, workspaceId, applicationId, 1),
                failedIn(Environment.PROD, FailureReason.AuthorizationFailed, 1)));
    }

    /** A retry after a failure: a member's issue that is being provisioned again. */
    public static ApplicationProvisioningView retrying(String applicationId, String workspaceId, long version) {
        return view(applicationId, workspaceId, ProvisioningStatus.IN_PROGRESS, 2, version, List.of(
                succeededIn(Environment.DEV, workspaceId, applicationId, 1),
                condition(Environment.STAGE, EnvironmentStatus.IN_PROGRESS, null, 2,
                        "Connecting to " + HOST + " (" + IPV4 + ")", null)));
    }

    public static ApplicationProvisioningView completed(String applicationId, String workspaceId, long version) {
        return view(applicationId, workspaceId, ProvisioningStatus.COMPLETED, 2, version, List.of(
                succeededIn(Environment.DEV, workspaceId, applicationId, 1),
                succeededIn(Environment.STAGE, workspaceId, applicationId, 2)));
    }

    public static ApplicationProvisioningView pending(String applicationId, String workspaceId, long version) {
        return view(applicationId, workspaceId, ProvisioningStatus.PENDING, 0, version, List.of(
                condition(Environment.DEV, EnvironmentStatus.PENDING, null, 0, "Queued on " + HOST, null)));
    }

    private static ApplicationProvisioningView view(String applicationId, String workspaceId, ProvisioningStatus status,
            int attempt, long version, List<EnvironmentCondition> environments) {
        return new ApplicationProvisioningView(ApplicationProvisioningView.eventId(applicationId, version),
                applicationId, "Payments " + applicationId, workspaceId, "Workspace " + workspaceId, status,
                status == ProvisioningStatus.COMPLETED || status == ProvisioningStatus.PENDING ? null : RAW_ERROR,
                EventIds.workflowId(applicationId), attempt, AT, AT.plusSeconds(version), version, environments, null);
    }

    private static EnvironmentCondition failedIn(Environment environment, FailureReason reason, int attempt) {
        return condition(environment, EnvironmentStatus.FAILED, reason, attempt, RAW_MESSAGE, STACK_TRACE);
    }

    private static EnvironmentCondition succeededIn(Environment environment, String workspaceId, String applicationId,
            int attempt) {
        return new EnvironmentCondition(environment, EnvironmentStatus.SUCCEEDED, null,
                "Provisioned on " + HOST + " (" + IPV4 + ")", null, false,
                environment.id() + "/" + workspaceId + "." + applicationId, attempt, AT, List.of());
    }

    private static EnvironmentCondition condition(Environment environment, EnvironmentStatus status,
            FailureReason reason, int attempt, String message, String errorDetail) {
        List<AttemptRecord> history = attempt > 1
                ? List.of(new AttemptRecord(attempt - 1, EnvironmentStatus.FAILED, FailureReason.ConnectionTimeout,
                        RAW_MESSAGE, AT))
                : List.of();
        return new EnvironmentCondition(environment, status, reason, message, errorDetail, reason != null, null,
                attempt, AT, history);
    }
}
