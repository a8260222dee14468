package dev.provisioningstatus.reliability.stream;

import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.devstack.process.ChildJvm;
import dev.provisioningstatus.devstack.process.Ports;
import dev.provisioningstatus.reliability.system.GatewayClient;
import dev.provisioningstatus.reliability.system.RunningSystem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The running system's gateway and more instances beside it on the same broker, as a load
 * balancer sees them; the added ones can be killed with SIGKILL and started again.
 */
final class GatewayInstances implements AutoCloseable {

    private final List<GatewayClient> clients = new ArrayList<>();
    private final List<ChildJvm> added = new ArrayList<>();

    GatewayInstances(RunningSystem system, int more) {
        clients.add(system.gateway());
        try {
            for (int i = 1; i <= more; i++) {
                // Restarted on the same port after a kill: below the ephemeral range, nothing takes it meanwhile.
                int port = Ports.freeBelowEphemeralRange();
                ChildJvm gateway = system.anotherGateway("gateway-" + (i + 1), port);
                added.add(gateway);
                gateway.start();
                clients.add(new GatewayClient("http://127.0.0.1:" + port));
            }
            for (int instance = 0; instance < clients.size(); instance++) {
                awaitReady(instance);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    int count() {
        return clients.size();
    }

    String baseUrl(int instance) {
        return clients.get(instance).baseUrl();
    }

    /** SIGKILL of an added instance (0 is the system's own and stays up). */
    void kill(int instance) {
        added.get(instance - 1).kill();
    }

    /** Starts a killed instance again, on its port; it comes up in the background. */
    void restart(int instance) {
        added.get(instance - 1).start();
    }

    boolean isReady(int instance) {
        try {
            return clients.get(instance).get("/actuator/health/readiness", null).status() == 200;
        } catch (RuntimeException notListeningYet) {
            return false;
        }
    }

    void awaitReady(int instance) {
        await("gateway instance " + instance + " ready").atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> isReady(instance));
    }

    @Override
    public void close() {
        added.forEach(ChildJvm::close);
    }
}
