package dev.provisioningstatus.devstack;

import dev.provisioningstatus.devstack.process.ChildJvm;
import dev.provisioningstatus.devstack.process.Ports;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The four services, each in its own JVM, configured through Spring arguments and, for keys, environment
 * variables, as a deployment would configure them. Used by the devstack and by the end-to-end test.
 */
public final class Services implements AutoCloseable {

    /** {@code provisioning.gateway.security.hmac-secret} as Spring Boot reads it from the environment. */
    public static final String GATEWAY_HMAC_SECRET_VARIABLE = "PROVISIONING_GATEWAY_SECURITY_HMACSECRET";
    /** {@code provisioning.webhooks.secret-key}: the gateway encrypts webhook secrets with it, the notifier decrypts. */
    public static final String WEBHOOK_SECRET_KEY_VARIABLE = "PROVISIONING_WEBHOOKS_SECRETKEY";

    /** Everything the services need to know about their surroundings. */
    public record Settings(
            String bootstrapServers,
            String temporalTarget,
            Map<String, String> environmentClusters,
            String hmacSecret,
            int gatewayPort,
            List<String> corsOrigins,
            List<String> webhookAllowedHosts,
            Path workDirectory) {
    }

    private final List<ChildJvm> started = new ArrayList<>();
    private final Settings settings;
    private final String webhookSecretKey = randomWebhookSecretKey();
    private volatile boolean stopping;

    private Services(Settings settings) {
        this.settings = settings;
    }

    /** The key the gateway and the notifier share. */
    public String webhookSecretKey() {
        return webhookSecretKey;
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

    /**
     * Gives {@code report} the name, exit status and log of each service that exits before {@link #close()}
     * (at once for one that has exited already): a service gone, such as a worker that could not reach
     * Temporal, must not leave a stack that only looks up.
     */
    public void onUnexpectedExit(Consumer<String> report) {
        for (ChildJvm child : processes()) {
            child.exited().thenAccept(description -> {
                if (!stopping) {
                    report.accept(description);
                }
            });
        }
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
        gateway.add("--provisioning.gateway.cors.allowed-origins=" + String.join(",", settings.corsOrigins()));
        gateway.add("--provisioning.webhooks.allowed-hosts=" + String.join(",", settings.webhookAllowedHosts()));
        // Through the environment, not the command line, where any local user could read it in the process list.
        started.add(start("gateway", "dev.provisioningstatus.gateway.GatewayApplication", gateway,
                Map.of(GATEWAY_HMAC_SECRET_VARIABLE, settings.hmacSecret(), WEBHOOK_SECRET_KEY_VARIABLE, webhookSecretKey)));

        awaitGatewayReady();

        // Started last: on a small machine four JVMs starting at once starve the worker's Temporal
        // start-up calls, and nothing waits for the notifier.
        List<String> notifier = headless();
        notifier.add("--spring.kafka.streams.state-dir=" + settings.workDirectory().resolve("notifier-state"));
        notifier.add("--provisioning.webhooks.allowed-hosts=" + String.join(",", settings.webhookAllowedHosts()));
        started.add(start("notifier", "dev.provisioningstatus.notifier.NotifierApplication", notifier,
                Map.of(WEBHOOK_SECRET_KEY_VARIABLE, webhookSecretKey)));
    }

    /** The gateway is ready once it has read the status topic; using it before that would race it. */
    private void awaitGatewayReady() {
        ChildJvm.awaitOk(URI.create(gatewayUrl() + "/actuator/health/readiness"), Duration.ofSeconds(180), started);
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
        return start(name, mainClass, args, Map.of());
    }

    private ChildJvm start(String name, String mainClass, List<String> args, Map<String, String> environment) {
        return ChildJvm.start(ChildJvm.Launch.of(name, mainClass, ChildJvm.SERVICE_JVM_OPTIONS, args,
                settings.workDirectory().resolve("logs").resolve(name + ".log")).withEnvironment(environment));
    }

    /** A fresh key per stack: the subscriptions it encrypts live only as long as the stack's broker. */
    public static String randomWebhookSecretKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Stops in reverse order (notifier, gateway, then the rest), so no client sees a half-stopped system. */
    @Override
    public void close() {
        stopping = true;
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
    }
}
