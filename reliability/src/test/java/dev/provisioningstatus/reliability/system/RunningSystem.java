package dev.provisioningstatus.reliability.system;

import dev.provisioningstatus.devstack.Services;
import dev.provisioningstatus.devstack.demo.DemoTokens;
import dev.provisioningstatus.devstack.process.ChildJvm;
import dev.provisioningstatus.devstack.process.Ports;
import dev.provisioningstatus.devstack.process.TemporalTestService;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.testsupport.KafkaBrokers;
import dev.provisioningstatus.testsupport.TestTopics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The whole system, all real, started once per test JVM and shared by the suites that only talk to
 * it from outside: the three services as child JVMs ({@link Services}), the shared test broker, the
 * Temporal SDK's test service. The stage cluster is a port nobody listens on, so stage fails for a
 * real reason while dev and prod (the test broker itself) succeed.
 *
 * <p>Used as a JUnit extension: a test method or lifecycle parameter of this type gets it; it is
 * stopped when the whole run ends.
 */
public final class RunningSystem implements ExtensionContext.Store.CloseableResource {

    private final Path work;
    private final String bootstrapServers;
    private final String secret;
    private final TemporalTestService temporal;
    private final Services services;
    private final Tokens tokens;
    private final GatewayClient gateway;
    private final RawRecords records;

    private RunningSystem(Path work, String bootstrapServers, String secret, TemporalTestService temporal,
            Services services) {
        this.work = work;
        this.bootstrapServers = bootstrapServers;
        this.secret = secret;
        this.temporal = temporal;
        this.services = services;
        this.tokens = new Tokens(secret);
        this.gateway = new GatewayClient(services.gatewayUrl());
        this.records = new RawRecords(bootstrapServers);
    }

    static RunningSystem start() {
        String bootstrap = KafkaBrokers.shared().bootstrapServers();
        TestTopics.create(bootstrap, Topics.ALL);
        Path work = WorkDirectory.create("reliability-system");
        TemporalTestService temporal = TemporalTestService.start();
        String secret = DemoTokens.randomSecret();
        // Below the ephemeral range, so that no service started later on port 0 can take it (see FaultSystem).
        String unreachableStage = "127.0.0.1:" + Ports.freeBelowEphemeralRange();
        try {
            Services services = Services.start(new Services.Settings(bootstrap, temporal.target(),
                    Map.of("dev", bootstrap, "stage", unreachableStage, "prod", bootstrap),
                    secret, Ports.freeBelowEphemeralRange(), List.of(), List.of(), work));
            return new RunningSystem(work, bootstrap, secret, temporal, services);
        } catch (RuntimeException e) {
            temporal.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Tokens tokens() {
        return tokens;
    }

    public GatewayClient gateway() {
        return gateway;
    }

    public RawRecords records() {
        return records;
    }

    /**
     * One more gateway instance beside the system's own, configured as the devstack configures it
     * (the same broker, the same token key through the environment) on its own port; not started.
     */
    public ChildJvm anotherGateway(String name, int port) {
        List<String> args = List.of("--spring.kafka.bootstrap-servers=" + bootstrapServers, "--server.port=" + port,
                "--server.address=127.0.0.1");
        return ChildJvm.prepare(ChildJvm.Launch.of(name, "dev.provisioningstatus.gateway.GatewayApplication",
                ChildJvm.SERVICE_JVM_OPTIONS, args, logs().resolve(name + ".log"))
                .withEnvironment(Map.of(Services.GATEWAY_HMAC_SECRET_VARIABLE, secret,
                        Services.WEBHOOK_SECRET_KEY_VARIABLE, services.webhookSecretKey())));
    }

    /** Where the services' logs are, for failure messages. */
    public Path logs() {
        return work.resolve("logs");
    }

    @Override
    public void close() {
        records.close();
        services.close();
        temporal.close();
        WorkDirectory.keepLogs(logs(), "system");
        WorkDirectory.delete(work);
    }

    /** Resolves {@link RunningSystem} parameters with the one instance of this run. */
    public static final class Extension implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == RunningSystem.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.create(RunningSystem.class))
                    .getOrComputeIfAbsent(RunningSystem.class, key -> start(), RunningSystem.class);
        }
    }
}
