package dev.provisioningstatus.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.devstack.process.ChildJvm;
import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.reliability.system.GatewayClient;
import dev.provisioningstatus.reliability.system.SuiteReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Faults under load. While registrations, retries and events keep coming, the status view is
 * killed with SIGKILL and started again, repeatedly, and the broker is restarted on the same data;
 * then the worker is killed and restarted, repeatedly; then a worker dies right after Kafka took
 * an event and before Temporal heard the activity complete (so the activity runs twice); then the
 * gateway is killed and restarted, repeatedly. Afterwards the verifier reads every topic
 * {@code read_committed} and each test below states one thing that must hold of what it read.
 *
 * <p>Short by default (part of {@code mvn test}); {@code -Dreliability.soak=true} runs the soak
 * variant: more kill cycles, broker restarts and traffic.
 */
class FaultToleranceTest {

    private static final boolean SOAK = Boolean.getBoolean("reliability.soak");
    private static final int STATUS_VIEW_KILLS = Integer.getInteger("reliability.kill-cycles", SOAK ? 8 : 3);
    private static final int BROKER_RESTARTS = Integer.getInteger("reliability.broker-restarts", SOAK ? 2 : 1);
    private static final int WORKER_KILLS = Integer.getInteger("reliability.worker-kills", SOAK ? 5 : 2);
    private static final int GATEWAY_KILLS = Integer.getInteger("reliability.gateway-kills", SOAK ? 5 : 2);
    private static final int DIRECT_APPLICATIONS = Integer.getInteger("reliability.direct-applications", SOAK ? 60 : 15);
    /** Direct events sent between two faults, so every fault meets traffic before and after it. */
    private static final int EVENTS_PER_PHASE = SOAK ? 150 : 30;
    private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(120);
    /**
     * Bounds the wait for the last runs once traffic stops: a killed worker's provisioning activity is
     * retried only when its 1 min start-to-close timeout has passed, publishing ones after 30 s.
     */
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(300);
    /**
     * Bounds the wait for a probe's run after a worker restart: the new worker first works through the
     * backlog of runs that built up while it was down (a loaded CI machine took over 2 min).
     */
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(300);

    private static FaultSystem system;
    private static Traffic traffic;
    private static StatusLedger ledger;
    private static KafkaProducer<byte[], byte[]> probes;
    private static String runId;
    private static int probeCount;

    private static StatusLedger.Findings findings;
    private static String twiceRunProbe;
    private static int dyingWorkerExitStatus;
    private static List<String> gatewayDisagreements = List.of();

    @BeforeAll
    static void runTrafficThroughFaults() throws Exception {
        system = new FaultSystem();
        probes = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 180_000),
                new ByteArraySerializer(), new ByteArraySerializer());
        runId = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
        traffic = new Traffic(system, runId, DIRECT_APPLICATIONS);
        traffic.start();
        awaitTraffic();
        awaitFolding();

        killStatusViewsAndRestartTheBroker();
        killWorkers();
        runOnePublishingActivityTwice();
        killGateways();
        traffic.stop();

        settle();
        gatewayDisagreements = awaitGatewayAgreement();
        SuiteReport.print("Faults", "%d status-view kill -9, %d broker restart(s), %d worker kill -9, 1 worker halted "
                        + "after publishing (exit %d), %d gateway kill -9; %d applications, %d events read "
                        + "read_committed, %d views expected, %d views read; lost %d, duplicated %d, states that did "
                        + "not happen %d; %d commands accepted by the gateway, %d unanswered; %d runs unfinished; "
                        + "%d gateway views disagreeing%n  traffic: %s",
                STATUS_VIEW_KILLS, BROKER_RESTARTS, WORKER_KILLS, dyingWorkerExitStatus, GATEWAY_KILLS,
                findings.applications(), findings.events(), findings.expectedViews(), findings.readViews(),
                findings.lost(), findings.duplicated(), findings.phantom(), traffic.acceptedCommands().size(),
                unansweredCommands().size(), unfinishedRuns().size(), gatewayDisagreements.size(), traffic.summary());
    }

    @AfterAll
    static void stopSystem() {
        for (AutoCloseable resource : new AutoCloseable[] {ledger, traffic, probes, system}) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                System.err.println("closing " + resource + ": " + e);
            }
        }
    }

    @Test
    void theFaultsMetRegistrationsAndRetriesTheGatewayAccepted() {
        assertThat(traffic.acceptedRegistrations()).as("registrations the gateway accepted").isNotEmpty();
        assertThat(traffic.acceptedCommands()).as("commands: registrations and retries")
                .hasSizeGreaterThan(traffic.acceptedRegistrations().size());
    }

    @Test
    void everyViewTheEventsCallForIsPublished() {
        assertThat(findings.lost()).as("views never published; first problems: %s", findings.problems()).isZero();
    }

    @Test
    void noViewIsPublishedTwice() {
        assertThat(findings.duplicated()).as("views read twice; first problems: %s", findings.problems()).isZero();
    }

    @Test
    void everyPublishedViewIsAStateThatHappened() {
        assertThat(findings.phantom()).as("views no fold of the events produces; first problems: %s",
                findings.problems()).isZero();
    }

    @Test
    void everyApplicationsViewsAreVersionsOneToNInOrder() {
        assertThat(findings.outOfOrder()).as("views after a gap; first problems: %s", findings.problems()).isZero();
    }

    @Test
    void everyRegistrationTheGatewayAcceptedIsOnTheApplicationsTopic() {
        assertThat(ledger.registeredApplications()).containsAll(traffic.acceptedRegistrations());
    }

    @Test
    void everyCommandTheGatewayAcceptedReachesTheWorker() {
        assertThat(unansweredCommands()).as("accepted commands with neither a run nor a refusal").isEmpty();
    }

    @Test
    void everyProvisioningRunThatStartedFinishes() {
        assertThat(unfinishedRuns()).isEmpty();
    }

    @Test
    void theWorkerHaltedBetweenPublishingAndCompletingTheActivity() {
        assertThat(dyingWorkerExitStatus).isEqualTo(FaultSuiteWorker.HALT_STATUS);
    }

    @Test
    void theActivityThatRanTwicePublishedTheSameEventTwice() {
        Map<String, Long> reads = ledger.eventIdReads(twiceRunProbe);
        assertThat(reads.values()).as("event ids of %s and how often each was read: %s", twiceRunProbe, reads)
                .containsOnlyOnce(2L).allMatch(times -> times <= 2);
    }

    @Test
    void theRunWhoseActivityRanTwiceCompleted() {
        ApplicationProvisioningView last = ledger.latestViews().get(twiceRunProbe);
        assertThat(last.status().id()).isEqualTo("completed");
        assertThat(last.attempt()).isEqualTo(1);
    }

    @Test
    void restartedGatewaysServeTheLatestViewOfEveryApplication() {
        assertThat(gatewayDisagreements).isEmpty();
    }

    private static void killStatusViewsAndRestartTheBroker() throws Exception {
        for (int cycle = 1; cycle <= STATUS_VIEW_KILLS; cycle++) {
            System.out.printf("Faults: cycle %d, kill -9 status view (%s)%n", cycle, traffic.summary());
            system.statusView().kill();
            awaitTraffic();
            system.statusView().start();
            awaitFolding();
            awaitTraffic();
            if (cycle <= BROKER_RESTARTS) {
                System.out.printf("Faults: cycle %d, broker restart (%s)%n", cycle, traffic.summary());
                system.broker().stopProcess();
                system.broker().startProcess();
                awaitFolding();
                awaitTraffic();
            }
        }
    }

    private static void killWorkers() throws Exception {
        for (int cycle = 1; cycle <= WORKER_KILLS; cycle++) {
            System.out.printf("Faults: cycle %d, kill -9 worker (%s)%n", cycle, traffic.summary());
            system.worker().kill();
            awaitTraffic();
            system.worker().start();
            awaitProvisioning(registerThroughGateway("worker-" + cycle));
            awaitTraffic();
        }
    }

    /** The worker dies after Kafka took an environment result and before Temporal heard the activity complete. */
    private static void runOnePublishingActivityTwice() throws Exception {
        System.out.printf("Faults: worker halts after publishing (%s)%n", traffic.summary());
        system.worker().kill();
        String applicationId = "flt-" + runId + "-twice";
        ChildJvm dying = system.workerDyingAfterPublishingResultOf(applicationId);
        dying.start();
        try {
            register(applicationId);
            dyingWorkerExitStatus = dying.awaitExit(PROGRESS_TIMEOUT);
        } finally {
            dying.close();
        }
        system.worker().start();
        awaitProvisioning(applicationId);
        twiceRunProbe = applicationId;
        awaitTraffic();
    }

    private static void killGateways() throws Exception {
        for (int cycle = 1; cycle <= GATEWAY_KILLS; cycle++) {
            System.out.printf("Faults: cycle %d, kill -9 gateway (%s)%n", cycle, traffic.summary());
            system.gatewayService().kill();
            awaitTraffic();
            system.gatewayService().start();
            system.awaitGatewayReady();
            awaitTraffic();
        }
    }

    /** Waits until the runs in flight have finished and the status view has folded everything, or says why not. */
    private static void settle() {
        ledger = new StatusLedger(system.bootstrapServers());
        AtomicReference<StatusLedger.Findings> latest = new AtomicReference<>();
        try {
            await("every run finished and every event folded").atMost(SETTLE_TIMEOUT)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        latest.set(ledger.refresh().compare());
                        return latest.get().problems().isEmpty() && unansweredCommands().isEmpty()
                                && unfinishedRuns().isEmpty();
                    });
        } catch (ConditionTimeoutException stillWrong) {
            // the tests say what is wrong
        }
        findings = latest.get();
    }

    /** Applications whose last view at the gateway is not the last one published, until there are none (or time is up). */
    private static List<String> awaitGatewayAgreement() {
        String admin = system.tokens().admin("faults-verifier");
        AtomicReference<List<String>> disagreements = new AtomicReference<>(List.of());
        try {
            await("the gateway serves every latest view").atMost(PROGRESS_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        List<String> found = new ArrayList<>();
                        ledger.latestViews().forEach((applicationId, view) -> {
                            GatewayClient.Answer answer = system.gateway()
                                    .get("/api/applications/" + applicationId + "/provisioning", admin);
                            JsonNode served = answer.status() == 200 ? answer.json() : null;
                            if (served == null || served.path("version").asLong() != view.version()
                                    || !served.path("status").asString().equals(view.status().id())) {
                                found.add(applicationId + ": published version " + view.version() + " " + view.status()
                                        + ", gateway answered " + answer.status() + " " + answer.body());
                            }
                        });
                        disagreements.set(found);
                        return found.isEmpty();
                    });
        } catch (ConditionTimeoutException stillWrong) {
            // the test says which
        }
        return disagreements.get();
    }

    private static Set<String> unansweredCommands() {
        Set<String> unanswered = new HashSet<>(traffic.acceptedCommands());
        unanswered.removeAll(ledger.answeredCommands());
        return unanswered;
    }

    /** Runs the worker started and never finished; directly-fed applications stop mid-attempt on purpose. */
    private static List<String> unfinishedRuns() {
        return ledger.unfinishedRuns(applicationId -> !applicationId.contains("-direct-"));
    }

    /** Waits until the direct traffic has moved on by one phase's worth of events. */
    private static void awaitTraffic() {
        long target = traffic.eventsAcknowledged() + EVENTS_PER_PHASE;
        await("traffic").atMost(PROGRESS_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> traffic.eventsAcknowledged() >= target);
    }

    /** Registers a fresh application on the topic and waits for its first view at the gateway: folding works again. */
    private static void awaitFolding() throws Exception {
        String applicationId = "flt-" + runId + "-probe-" + ++probeCount;
        ApplicationRegistered registration = ApplicationRegistered.of(applicationId, "Probe " + probeCount, "faults",
                "Faults", List.of(Environment.DEV), Instant.now());
        RecordHeaders headers = new RecordHeaders();
        byte[] value = Topics.APPLICATIONS.valueSerde().serializer().serialize(Topics.APPLICATIONS.name(), headers,
                registration);
        probes.send(new ProducerRecord<>(Topics.APPLICATIONS.name(), null, applicationId.getBytes(), value, headers))
                .get();
        String admin = system.tokens().admin("faults-observer");
        await("probe " + applicationId + " visible").atMost(PROGRESS_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> system.gateway().get("/api/applications/" + applicationId + "/provisioning", admin)
                        .status() == 200);
    }

    private static String registerThroughGateway(String name) {
        String applicationId = "flt-" + runId + "-run-" + name;
        register(applicationId);
        return applicationId;
    }

    /** Registers a dev-only application through the gateway: provisioning it needs only the reachable cluster. */
    private static void register(String applicationId) {
        GatewayClient.Answer answer = system.gateway().postJson("/api/applications",
                system.tokens().platformService("faults-prober"), Map.of("applicationId", applicationId,
                        "name", "Probe " + applicationId, "workspaceId", "faults", "workspaceName", "Faults",
                        "environments", List.of("dev")));
        assertThat(answer.status()).as("registration of %s: %s", applicationId, answer).isEqualTo(201);
    }

    /** Waits until the application's provisioning completed, as the gateway shows it: the worker works again. */
    private static void awaitProvisioning(String applicationId) {
        String admin = system.tokens().admin("faults-observer");
        await("provisioning of " + applicationId + " completed").atMost(RECOVERY_TIMEOUT)
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> system.gateway().get("/api/applications/" + applicationId + "/provisioning", admin)
                        .json().path("status").asString().equals("completed"));
    }
}
