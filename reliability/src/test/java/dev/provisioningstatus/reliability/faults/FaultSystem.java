package dev.provisioningstatus.reliability.faults;

import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.devstack.broker.KraftBroker;
import dev.provisioningstatus.devstack.demo.DemoTokens;
import dev.provisioningstatus.devstack.process.Ports;
import dev.provisioningstatus.devstack.process.TemporalTestService;
import dev.provisioningstatus.devstack.process.ChildJvm;
import dev.provisioningstatus.devstack.Services;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.reliability.system.GatewayClient;
import dev.provisioningstatus.reliability.system.Tokens;
import dev.provisioningstatus.reliability.system.WorkDirectory;
import dev.provisioningstatus.testsupport.TestTopics;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole system on a broker that can be restarted: a KRaft broker in its own JVM (stopped and
 * started again on the same port and data), the Temporal SDK's test service, and the three
 * services as child JVMs configured as the devstack configures them; the status view can be
 * killed with SIGKILL and started again on the same state directory.
 */
final class FaultSystem implements AutoCloseable {

    private final Path work = WorkDirectory.create("reliability-faults");
    private final KraftBroker broker;
    private final TemporalTestService temporal;
    private final List<String> workerArgs;
    private final ChildJvm worker;
    private final ChildJvm statusView;
    private final ChildJvm gateway;
    private final Tokens tokens;
    private final GatewayClient gatewayClient;

    FaultSystem() {
        // Ports that must stay ours while closed (the broker between stop and start, the stage cluster that never
        // answers, the gateway between kill and restart) come from below the ephemeral range: a service restarted
        // meanwhile on port 0 once took the stage cluster's port, and the worker's Kafka client read its HTTP answer.
        broker = KraftBroker.start("reliability", work.resolve("broker"), Ports.freeBelowEphemeralRange());
        TestTopics.create(broker.bootstrapServers(), Topics.ALL);
        temporal = TemporalTestService.start();
        String secret = DemoTokens.randomSecret();
        tokens = new Tokens(secret);
        String bootstrap = broker.bootstrapServers();

        workerArgs = headless(bootstrap);
        workerArgs.add("--spring.temporal.connection.target=" + temporal.target());
        // As for the status view below: a killed worker's command partitions move after 6 s, not 45 s.
        workerArgs.add("--spring.kafka.consumer.properties.session.timeout.ms=6000");
        workerArgs.add("--spring.kafka.consumer.properties.heartbeat.interval.ms=1500");
        workerArgs.add("--provisioning.environments.dev.bootstrap-servers=" + bootstrap);
        workerArgs.add("--provisioning.environments.stage.bootstrap-servers=127.0.0.1:" + Ports.freeBelowEphemeralRange());
        workerArgs.add("--provisioning.environments.prod.bootstrap-servers=" + bootstrap);
        worker = faultSuiteWorker("provisioning-worker", workerArgs);

        List<String> statusViewArgs = headless(bootstrap);
        statusViewArgs.add("--spring.kafka.streams.state-dir=" + work.resolve("status-view-state"));
        // A killed member's partitions move once its session expires: 6 s (the broker's minimum) instead of 45 s.
        statusViewArgs.add("--spring.kafka.streams.properties.session.timeout.ms=6000");
        statusViewArgs.add("--spring.kafka.streams.properties.heartbeat.interval.ms=1500");
        statusView = service("status-view", "dev.provisioningstatus.statusview.StatusViewApplication",
                statusViewArgs, Map.of());

        int gatewayPort = Ports.freeBelowEphemeralRange();
        List<String> gatewayArgs = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--server.port=" + gatewayPort,
                "--server.address=127.0.0.1",
                // The traffic retries far more often than a person would; the rate limit is the corpus's concern.
                "--provisioning.gateway.retry.requests-per-caller=1000000"));
        gateway = service("gateway", "dev.provisioningstatus.gateway.GatewayApplication", gatewayArgs,
                Map.of(Services.GATEWAY_HMAC_SECRET_VARIABLE, secret, Services.WEBHOOK_SECRET_KEY_VARIABLE,
                        Services.randomWebhookSecretKey()));
        gatewayClient = new GatewayClient("http://127.0.0.1:" + gatewayPort);

        worker.start();
        statusView.start();
        gateway.start();
        awaitGatewayReady();
    }

    /** A service started as the devstack starts it; {@link ChildJvm#start()} starts it, again after a kill. */
    private ChildJvm service(String name, String mainClass, List<String> args, Map<String, String> environment) {
        return ChildJvm.prepare(ChildJvm.Launch.of(name, mainClass, ChildJvm.SERVICE_JVM_OPTIONS, args,
                logs().resolve(name + ".log")).withEnvironment(environment));
    }

    private static List<String> headless(String bootstrap) {
        return new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + bootstrap, "--server.port=0",
                "--server.address=127.0.0.1"));
    }

    /**
     * A worker that halts once Kafka has acknowledged the first environment result it publishes for
     * {@code applicationId}: started instead of the worker, never beside it.
     */
    ChildJvm workerDyingAfterPublishingResultOf(String applicationId) {
        List<String> args = new ArrayList<>(workerArgs);
        args.add("--" + FaultSuiteWorker.DIE_AFTER_PUBLISHING_RESULT_OF + "=" + applicationId);
        return faultSuiteWorker("provisioning-worker-dying", args);
    }

    /** The worker started through {@link FaultSuiteWorker}, whose class is in this module's test classes. */
    private ChildJvm faultSuiteWorker(String name, List<String> args) {
        String testClasses = Path.of(URI.create(FaultSuiteWorker.class.getProtectionDomain().getCodeSource()
                .getLocation().toString())).toString();
        return ChildJvm.prepare(ChildJvm.Launch.of(name, FaultSuiteWorker.class.getName(), ChildJvm.SERVICE_JVM_OPTIONS,
                args, logs().resolve(name + ".log")).withClasspathEntry(testClasses));
    }

    /** Waits until the gateway answers ready: its view of the status topic has caught up. */
    void awaitGatewayReady() {
        await("gateway ready").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
                .failFast("a service exited during start-up; see " + work.resolve("logs"),
                        () -> !worker.isAlive() || !statusView.isAlive() || !gateway.isAlive())
                .ignoreExceptions()
                .until(() -> gatewayClient.get("/actuator/health/readiness", null).status() == 200);
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    ChildJvm statusView() {
        return statusView;
    }

    ChildJvm worker() {
        return worker;
    }

    ChildJvm gatewayService() {
        return gateway;
    }

    KraftBroker broker() {
        return broker;
    }

    GatewayClient gateway() {
        return gatewayClient;
    }

    Tokens tokens() {
        return tokens;
    }

    Path logs() {
        return work.resolve("logs");
    }

    @Override
    public void close() {
        gateway.close();
        statusView.close();
        worker.close();
        temporal.close();
        broker.close();
        WorkDirectory.keepLogs(logs(), "faults");
        WorkDirectory.delete(work);
    }
}
