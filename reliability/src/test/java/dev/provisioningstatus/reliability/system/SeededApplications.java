package dev.provisioningstatus.reliability.system;

import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentProvisioningResult;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.EventIds;
import dev.provisioningstatus.events.FailureReason;
import dev.provisioningstatus.events.ProvisioningFinished;
import dev.provisioningstatus.events.ProvisioningStarted;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.events.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Applications in a known state, written straight to the contract topics as the platform and the
 * worker would, without a provisioning run: no command is sent, so the worker never touches them
 * and their state stays exactly as written. Attempts start high (5) so that a real run the worker
 * might start for one of them (attempt 1) is a stale attempt the status view ignores.
 */
public final class SeededApplications {

    public static final int SEEDED_ATTEMPT = 5;
    public static final List<Environment> ALL = List.of(Environment.DEV, Environment.STAGE, Environment.PROD);

    /** Error text as a real client library writes it: hosts, addresses, a stack trace. Admins only. */
    public static final String INTERNAL_ERROR_DETAIL = """
            org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. \
            Call: createAcls, node kafka-stage-0.internal.example.com/10.20.30.40:9092
            \tat org.apache.kafka.clients.admin.KafkaAdminClient$Call.fail(KafkaAdminClient.java:1032)
            \tat dev.provisioningstatus.worker.provisioner.KafkaAdminVirtualClusterProvisioner.provision(KafkaAdminVirtualClusterProvisioner.java:88)""";
    /** A producer's free-text message naming internals: members must get a rebuilt one instead. */
    public static final String INTERNAL_MESSAGE = "Timed out calling kafka-stage-0.internal.example.com (10.20.30.40:9092)";

    private final RunningSystem system;

    public SeededApplications(RunningSystem system) {
        this.system = system;
    }

    public void register(String applicationId, String workspaceId) {
        system.records().register(ApplicationRegistered.of(applicationId, "Seeded " + applicationId, workspaceId,
                "Workspace " + workspaceId, ALL, Instant.now()));
    }

    public void started(String applicationId, int attempt) {
        system.records().publish(ProvisioningStarted.of(applicationId, null, EventIds.workflowId(applicationId), attempt,
                ALL, attempt == 1 ? Trigger.CREATED : Trigger.RETRY, UUID.randomUUID().toString(), Instant.now()));
    }

    public void succeeded(String applicationId, int attempt, Environment environment) {
        system.records().publish(EnvironmentProvisioningResult.succeeded(applicationId, null,
                EventIds.workflowId(applicationId), attempt, environment,
                "vc-" + applicationId + "-" + environment.id(), Instant.now()));
    }

    /** A failure whose message and detail name hosts, addresses and code: the bait for leak scans. */
    public void failedWithInternals(String applicationId, int attempt, Environment environment) {
        system.records().publish(new EnvironmentProvisioningResult(
                EventIds.of("EnvironmentProvisioningResult", applicationId, attempt, environment.id()),
                applicationId, EventIds.workflowId(applicationId), attempt, environment,
                EnvironmentStatus.FAILED, FailureReason.ConnectionTimeout,
                INTERNAL_MESSAGE, INTERNAL_ERROR_DETAIL, true, null, Instant.now(), null));
    }

    public void finished(String applicationId, int attempt, ProvisioningStatus status) {
        system.records().publish(ProvisioningFinished.of(applicationId, null, EventIds.workflowId(applicationId), attempt,
                status, Instant.now()));
    }

    /** Registered, attempt 5 finished: dev and prod succeeded, stage failed with internal error text. */
    public void partial(String applicationId, String workspaceId) {
        register(applicationId, workspaceId);
        started(applicationId, SEEDED_ATTEMPT);
        succeeded(applicationId, SEEDED_ATTEMPT, Environment.DEV);
        failedWithInternals(applicationId, SEEDED_ATTEMPT, Environment.STAGE);
        succeeded(applicationId, SEEDED_ATTEMPT, Environment.PROD);
        finished(applicationId, SEEDED_ATTEMPT, ProvisioningStatus.PARTIAL);
        awaitStatus(applicationId, "partial");
    }

    /** Registered, attempt 5 finished: every environment failed with internal error text. */
    public void failed(String applicationId, String workspaceId) {
        register(applicationId, workspaceId);
        started(applicationId, SEEDED_ATTEMPT);
        for (Environment environment : ALL) {
            failedWithInternals(applicationId, SEEDED_ATTEMPT, environment);
        }
        finished(applicationId, SEEDED_ATTEMPT, ProvisioningStatus.FAILED);
        awaitStatus(applicationId, "failed");
    }

    public void completed(String applicationId, String workspaceId) {
        register(applicationId, workspaceId);
        started(applicationId, SEEDED_ATTEMPT);
        for (Environment environment : ALL) {
            succeeded(applicationId, SEEDED_ATTEMPT, environment);
        }
        finished(applicationId, SEEDED_ATTEMPT, ProvisioningStatus.COMPLETED);
        awaitStatus(applicationId, "completed");
    }

    /** Attempt 5 started, no result yet: it stays in progress. */
    public void inProgress(String applicationId, String workspaceId) {
        register(applicationId, workspaceId);
        started(applicationId, SEEDED_ATTEMPT);
        awaitStatus(applicationId, "in_progress");
    }

    public JsonNode awaitStatus(String applicationId, String status) {
        return awaitView(applicationId, view -> view.path("status").asString("").equals(status),
                "status " + status);
    }

    /** The full view, as an admin reads it through the gateway, once it matches. */
    public JsonNode awaitView(String applicationId, Predicate<JsonNode> matching, String what) {
        String admin = system.tokens().admin("reliability-observer");
        AtomicReference<GatewayClient.Answer> last = new AtomicReference<>();
        await("view of " + applicationId + " with " + what).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .failFast(() -> last.get() != null && last.get().status() >= 500)
                .until(() -> {
                    GatewayClient.Answer answer = system.gateway().get(
                            "/api/applications/" + applicationId + "/provisioning", admin);
                    last.set(answer);
                    return answer.status() == 200 && matching.test(answer.json());
                });
        return last.get().json();
    }
}
