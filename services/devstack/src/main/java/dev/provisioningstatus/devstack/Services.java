package dev.provisioningstatus.devstack;

import dev.provisioningstatus.devstack.process.ChildJvm;
import dev.provisioningstatus.devstack.process.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The three services, each in its own JVM, configured only through Spring arguments, exactly as a
 * deployment would configure them through environment variables. Used by the devstack and by the
 * end-to-end test.
 */
public final class Services implements AutoCloseable {

    /** Everything the services need to know about their surroundings. */
    public record Settings(
            String bootstrapServers,
            String temporalTarget,
            Map<String, String> environmentClusters,
            String hmacSecret,
            int gatewayPort,
            List<String> corsOrigins,
            Path workDirectory) {
    }

    private final List<ChildJvm> started = new ArrayList<>();
    private final Settings settings;

    private Services(Settings settings) {
        this.settings = settings;
    }

    public static Services start(Settings settings) {
        Services services = new Services(settings);
        try {
            services.startAll();
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
        return services;
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + settings.gatewayPort();
    }

    public List<ChildJvm> processes() {
        return List.copyOf(started);
    }

    private void startAll() {
        Ports.requireFree(settings.gatewayPort(), "gateway");
        List<String> worker = headless();
        worker.add("--spring.temporal.connection.target=" + settings.temporalTarget());
        settings.environmentClusters().forEach((environment, bootstrap) ->
                worker.add("--provisioning.environments." + environment + ".bootstrap-servers=" + bootstrap));
        started.add(start("provisioning-worker", "dev.provisioningstatus.worker.ProvisioningWorkerApplication", worker));

        List<String> statusView = headless();
        statusView.add("--spring.kafka.streams.state-dir=" + settings.workDirectory().resolve("status-view-state"));
        started.add(start("status-view", "dev.provisioningstatus.statusview.StatusViewApplication", statusView));

        List<String> gateway = common();
        gateway.add("--server.port=" + settings.gatewayPort());
        gateway.add("--server.address=127.0.0.1");
        gateway.add("--provisioning.gateway.security.hmac-secret=" + settings.hmacSecret());
        gateway.add("--provisioning.gateway.cors.allowed-origins=" + String.join(",", settings.corsOrigins()));
        started.add(start("gateway", "dev.provisioningstatus.gateway.GatewayApplication", gateway));

        awaitGatewayReady();
    }

    /** The gateway is ready once it has read the status topic; using it before that would race it. */
    private void awaitGatewayReady() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline)) {
            started.stream().filter(service -> !service.isAlive()).findFirst().ifPresent(service -> {
                throw new IllegalStateException(service.name() + " exited during start-up; see " + service.log());
            });
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the gateway is still starting: try again below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Ports.sleep(250);
        }
        throw new IllegalStateException("the gateway did not become ready within 180 s; see "
                + settings.workDirectory().resolve("logs"));
    }

    /** The services share one classpath here, WebFlux included: a service without an API must not grab a port. */
    private List<String> headless() {
        List<String> args = common();
        args.add("--server.port=0");
        args.add("--server.address=127.0.0.1");
        return args;
    }

    private List<String> common() {
        List<String> args = new ArrayList<>();
        args.add("--spring.kafka.bootstrap-servers=" + settings.bootstrapServers());
        return args;
    }

    private ChildJvm start(String name, String mainClass, List<String> args) {
        return ChildJvm.start(name, mainClass, List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                args, settings.workDirectory().resolve("logs").resolve(name + ".log"));
    }

    /** Stops the gateway first, then the rest, so no client sees a half-stopped system. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
    }
}
