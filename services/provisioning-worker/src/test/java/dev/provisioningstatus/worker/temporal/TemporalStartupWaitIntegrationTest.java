package dev.provisioningstatus.worker.temporal;

import static dev.provisioningstatus.events.Environment.DEV;
import static dev.provisioningstatus.worker.fixtures.Commands.newApplicationId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.testsupport.KafkaBrokers;
import dev.provisioningstatus.testsupport.RealKafka;
import dev.provisioningstatus.worker.ProvisioningWorkerApplication;
import dev.provisioningstatus.worker.command.ProvisioningRunStarter;
import dev.provisioningstatus.worker.command.StartDecision;
import dev.provisioningstatus.worker.fixtures.Commands;
import dev.provisioningstatus.worker.fixtures.Ports;
import dev.provisioningstatus.worker.workflow.ProvisioningOutcome;
import io.temporal.client.WorkflowClient;
import io.temporal.testserver.TestServer;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The worker started before Temporal listens (as on a loaded machine, where the Temporal service comes
 * up late or answers slowly) waits for it instead of exiting, then runs workflows; it gives up only
 * after {@code provisioning.temporal-startup.timeout}, saying so.
 */
@RealKafka
class TemporalStartupWaitIntegrationTest {

    private static final long PATIENCE_SECONDS = 120;
    private static final int ATTEMPTS_REFUSED = 6;

    @Test
    void aWorkerStartedBeforeTemporalListensWaitsForItAndThenRunsAWorkflow() throws Exception {
        int port;
        CompletableFuture<ConfigurableApplicationContext> starting;
        try (ServerSocket notTemporalYet = Ports.silentListener()) {
            port = notTemporalYet.getLocalPort();
            starting = CompletableFuture.supplyAsync(() -> ProvisioningWorkerApplication.application()
                    .run(arguments("127.0.0.1:" + port, "60s")));
            notTemporalYet.setSoTimeout((int) TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
            // Each connection is dropped, as by a service not up yet. gRPC backs off between attempts
            // (1 s, growing), so this many attempts outlast the SDK's own check: one 10 s RPC deadline.
            for (int attempt = 1; attempt <= ATTEMPTS_REFUSED; attempt++) {
                try (Socket refused = notTemporalYet.accept()) {
                    assertThat(refused.getInetAddress().isLoopbackAddress()).isTrue();
                }
            }
        }
        try (TestServer.PortBoundTestServer temporal = TestServer.createPortBoundServer(port);
                ConfigurableApplicationContext worker = starting.get(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            String app = newApplicationId("startup-wait");

            StartDecision decision = worker.getBean(ProvisioningRunStarter.class).start(Commands.created(app, DEV));

            assertThat(decision).isInstanceOf(StartDecision.Started.class);
            ProvisioningOutcome outcome = worker.getBean(WorkflowClient.class)
                    .newUntypedWorkflowStub(((StartDecision.Started) decision).workflowId())
                    .getResult(PATIENCE_SECONDS, TimeUnit.SECONDS, ProvisioningOutcome.class);
            assertThat(outcome.status()).isEqualTo(ProvisioningStatus.COMPLETED);
        }
    }

    @Test
    void aWorkerWhoseTemporalNeverAnswersExitsNamingTheSettingThatBoundsTheWait() {
        String nothingListens = "127.0.0.1:" + Ports.closedPort();

        assertThatThrownBy(() -> ProvisioningWorkerApplication.application().run(arguments(nothingListens, "2s")))
                .hasStackTraceContaining("Temporal did not answer within PT2S (provisioning.temporal-startup.timeout)");
    }

    /**
     * A consumer group of its own that starts at the end of the topics: this worker must not take
     * commands, or their partitions, from the other tests' worker.
     */
    private static String[] arguments(String temporalTarget, String timeout) {
        String broker = KafkaBrokers.shared().bootstrapServers();
        return new String[] {
                "--spring.temporal.connection.target=" + temporalTarget,
                "--provisioning.temporal-startup.timeout=" + timeout,
                "--spring.kafka.bootstrap-servers=" + broker,
                "--spring.kafka.consumer.group-id=startup-wait-" + UUID.randomUUID(),
                "--spring.kafka.consumer.auto-offset-reset=latest",
                "--provisioning.environments.dev.bootstrap-servers=" + broker};
    }
}
