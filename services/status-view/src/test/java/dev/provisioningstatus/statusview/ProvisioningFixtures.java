package dev.provisioningstatus.statusview;

import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.DeprovisioningFinished;
import dev.provisioningstatus.events.DeprovisioningStarted;
import dev.provisioningstatus.events.EnvironmentDeprovisioningResult;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentProvisioningResult;
import dev.provisioningstatus.events.EventIds;
import dev.provisioningstatus.events.FailureReason;
import dev.provisioningstatus.events.ProvisionRequested;
import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.ProvisioningFinished;
import dev.provisioningstatus.events.ProvisioningRequestRejected;
import dev.provisioningstatus.events.ProvisioningStarted;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.events.Trigger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One incarnation of an application's events, built the way the gateway and the worker build them; times
 * are T0 + seconds. The incarnation is the one its registration at {@code registeredAt} starts.
 */
public final class ProvisioningFixtures {

    public static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    public static final String APP = "orders-api";
    public static final List<Environment> ALL_ENVIRONMENTS = List.of(Environment.DEV, Environment.STAGE,
            Environment.PROD);
    public static final String CONNECTION_REFUSED_DETAIL =
            "java.net.ConnectException: Connection refused\n\tat java.base/sun.nio.ch.Net.pollConnect(Native Method)";

    private final String applicationId;
    private final int registeredAt;

    private ProvisioningFixtures(String applicationId, int registeredAt) {
        this.applicationId = applicationId;
        this.registeredAt = registeredAt;
    }

    public static ProvisioningFixtures of(String applicationId) {
        return new ProvisioningFixtures(applicationId, 0);
    }

    /** The incarnation a registration of the same id at T0 + {@code seconds} starts (after a deletion). */
    public ProvisioningFixtures reRegisteredAt(int seconds) {
        return new ProvisioningFixtures(applicationId, seconds);
    }

    public String incarnation() {
        return registered(List.of(Environment.DEV)).incarnation();
    }

    public static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    public String applicationId() {
        return applicationId;
    }

    public String workflowId() {
        return EventIds.workflowId(applicationId, incarnation());
    }

    public ApplicationRegistered registered(List<Environment> environments) {
        return registered("Orders API", environments, registeredAt);
    }

    public ApplicationRegistered registered(String name, List<Environment> environments, int seconds) {
        return ApplicationRegistered.of(applicationId, name, "acme", "Acme Corp", environments, at(seconds));
    }

    public ProvisioningStarted started(int attempt, List<Environment> environments, int seconds) {
        return ProvisioningStarted.of(applicationId, incarnation(), workflowId(), attempt, environments,
                attempt == 1 ? Trigger.CREATED : Trigger.RETRY, null, at(seconds));
    }

    public EnvironmentProvisioningResult succeeded(int attempt, Environment environment, int seconds) {
        return EnvironmentProvisioningResult.succeeded(applicationId, incarnation(), workflowId(), attempt, environment,
                environment.id() + "/acme." + applicationId, at(seconds));
    }

    public EnvironmentProvisioningResult failed(int attempt, Environment environment, FailureReason reason,
            int seconds) {
        return failed(attempt, environment, reason, CONNECTION_REFUSED_DETAIL, seconds);
    }

    public EnvironmentProvisioningResult failed(int attempt, Environment environment, FailureReason reason,
            String detail, int seconds) {
        return EnvironmentProvisioningResult.failed(applicationId, incarnation(), workflowId(), attempt, environment, reason, detail,
                true, at(seconds));
    }

    /** A retry the worker refused because attempt {@code runningAttempt} was still in progress. */
    public ProvisioningRequestRejected rejected(int runningAttempt, int seconds) {
        ProvisionRequested retry = new ProvisionRequested(UUID.nameUUIDFromBytes(
                ("retry " + applicationId + " " + seconds).getBytes(StandardCharsets.UTF_8)).toString(),
                applicationId, "Orders API", "acme", ALL_ENVIRONMENTS, Trigger.RETRY, "alice", at(seconds),
                runningAttempt, incarnation());
        return ProvisioningRequestRejected.runInProgress(retry, workflowId(), runningAttempt, at(seconds));
    }

    public ProvisioningFinished finished(int attempt, ProvisioningStatus status, int seconds) {
        return ProvisioningFinished.of(applicationId, incarnation(), workflowId(), attempt, status, at(seconds));
    }

    public String deprovisioningWorkflowId() {
        return EventIds.deprovisioningWorkflowId(applicationId, incarnation());
    }

    public DeprovisioningStarted deprovisioningStarted(int attempt, List<Environment> environments, int seconds) {
        return DeprovisioningStarted.of(applicationId, incarnation(), deprovisioningWorkflowId(), attempt,
                environments, at(seconds));
    }

    public EnvironmentDeprovisioningResult deprovisioned(int attempt, Environment environment, int seconds) {
        return EnvironmentDeprovisioningResult.deprovisioned(applicationId, incarnation(), deprovisioningWorkflowId(),
                attempt, environment, at(seconds));
    }

    public EnvironmentDeprovisioningResult deprovisioningFailed(int attempt, Environment environment,
            FailureReason reason, int seconds) {
        return EnvironmentDeprovisioningResult.failed(applicationId, incarnation(), deprovisioningWorkflowId(),
                attempt, environment, reason, CONNECTION_REFUSED_DETAIL, true, at(seconds));
    }

    public DeprovisioningFinished deprovisioningFinished(int attempt, boolean clean, int seconds) {
        return DeprovisioningFinished.of(applicationId, incarnation(), deprovisioningWorkflowId(), attempt, clean,
                at(seconds));
    }

    /** Every event of one deprovisioning attempt that cleans all of {@code environments}, from {@code seconds} on. */
    public List<ProvisioningEvent> cleanDeprovisioning(int attempt, List<Environment> environments, int seconds) {
        List<ProvisioningEvent> events = new ArrayList<>();
        events.add(deprovisioningStarted(attempt, environments, seconds));
        for (Environment environment : environments) {
            events.add(deprovisioned(attempt, environment, seconds + 1));
        }
        events.add(deprovisioningFinished(attempt, true, seconds + 2));
        return events;
    }
}
