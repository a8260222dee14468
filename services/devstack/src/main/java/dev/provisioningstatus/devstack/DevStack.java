package dev.provisioningstatus.devstack;

import dev.provisioningstatus.devstack.broker.KraftBroker;
import dev.provisioningstatus.devstack.demo.DemoSeed;
import dev.provisioningstatus.devstack.demo.DemoSite;
import dev.provisioningstatus.devstack.demo.DemoTokens;
import dev.provisioningstatus.devstack.demo.DemoWebhookReceiver;
import dev.provisioningstatus.devstack.demo.DemoWebhookSubscription;
import dev.provisioningstatus.devstack.process.Directories;
import dev.provisioningstatus.devstack.process.Ports;
import dev.provisioningstatus.devstack.process.TemporalTestService;
import dev.provisioningstatus.events.Topic;
import dev.provisioningstatus.events.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The whole system on one machine: a real KRaft broker for the platform's topics and for the dev
 * and prod clusters (with Kafka's authorizer on, so provisioning creates real ACLs there), a second
 * one for the stage cluster (down at start, so stage fails for a real reason), the Temporal SDK's
 * test service, the three services, demo data and a demo page. Ctrl-C stops everything in reverse
 * order.
 */
public final class DevStack implements AutoCloseable {

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private Services services;

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        DevStack stack = new DevStack();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the devstack…");
            stack.close();
            stopped.countDown();
        }, "devstack-stop"));
        try {
            stack.start(options);
            stack.services.onUnexpectedExit(DevStack::stopBecause);
        } catch (RuntimeException e) {
            System.err.println("The devstack could not start: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    /** Command-line options: {@code --gateway-port=8080 --demo-port=8090 --work-dir=.devstack --no-seed}. */
    record Options(int gatewayPort, int demoPort, Path workDirectory, boolean seed) {

        static Options parse(String[] args) {
            int gatewayPort = 8080;
            int demoPort = 8090;
            Path workDirectory = Path.of(".devstack");
            boolean seed = true;
            for (String arg : args) {
                String[] pair = arg.split("=", 2);
                switch (pair[0]) {
                    case "--gateway-port" -> gatewayPort = Integer.parseInt(pair[1]);
                    case "--demo-port" -> demoPort = Integer.parseInt(pair[1]);
                    case "--work-dir" -> workDirectory = Path.of(pair[1]);
                    case "--no-seed" -> seed = false;
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            return new Options(gatewayPort, demoPort, workDirectory.toAbsolutePath(), seed);
        }
    }

    void start(Options options) {
        Instant begin = Instant.now();
        Ports.requireFree(options.gatewayPort(), "gateway");
        Ports.requireFree(options.demoPort(), "demo page");
        Directories.wipe(options.workDirectory());

        step("Starting Kafka broker (KRaft, authorizer on) for the platform and the dev/prod clusters");
        // Everything here connects over PLAINTEXT, as User:ANONYMOUS: as a super user it keeps the services
        // and the provisioner working, while the ACLs the provisioner grants on dev and prod are real ones.
        KraftBroker platform = remember(KraftBroker.startWithAuthorizer("platform",
                options.workDirectory().resolve("kafka-platform"), Ports.free(), List.of("User:ANONYMOUS")));
        createTopics(platform.bootstrapServers());

        step("Preparing the stage cluster's broker (left down, so stage fails until you start it)");
        // Below the ephemeral range: while the broker is down, no listener bound to port 0 (a browser's, a test
        // server's) can be given its port, so a connection to it is refused rather than answered by a stranger.
        KraftBroker stage = remember(KraftBroker.formatted("stage", options.workDirectory().resolve("kafka-stage"),
                Ports.freeBelowEphemeralRange()));

        step("Starting the Temporal test service");
        TemporalTestService temporal = TemporalTestService.start();
        remember(temporal::close);

        step("Starting the demo webhook receiver on loopback");
        DemoWebhookReceiver receiver = remember(DemoWebhookReceiver.start());

        DemoTokens tokens = new DemoTokens(DemoTokens.randomSecret());
        String demoOrigin = "http://127.0.0.1:" + options.demoPort();
        step("Starting provisioning-worker, status-view, notifier and gateway (logs in " + options.workDirectory().resolve("logs") + ")");
        services = remember(Services.start(new Services.Settings(
                platform.bootstrapServers(),
                temporal.target(),
                Map.of("dev", platform.bootstrapServers(), "stage", stage.bootstrapServers(),
                        "prod", platform.bootstrapServers()),
                tokens.secret(),
                options.gatewayPort(),
                List.of(demoOrigin, "http://localhost:" + options.demoPort()),
                // The notifier may deliver to the demo receiver, on loopback, and nowhere else that is local.
                List.of(receiver.hostAndPort()),
                options.workDirectory())));

        step("Subscribing the demo receiver to every application's transitions");
        DemoWebhookSubscription.subscribe(services.gatewayUrl(), tokens.tokenFor("admin").orElseThrow(), receiver);

        DemoSite site = remember(DemoSite.start(options.demoPort(), services.gatewayUrl(), receiver.url(), tokens,
                stage));
        if (options.seed()) {
            step("Registering demo applications");
            new DemoSeed(services.gatewayUrl(), tokens.platformServiceToken()).registerAll();
        }

        System.out.printf("""

                Provisioning Status devstack is up (%d s).

                  Open   %s
                  API    %s   (OpenAPI: %s/v3/api-docs)
                  Webhook deliveries  %s
                  Kafka  %s (platform, dev, prod; authorizer on)   %s (stage, down)
                  Temporal test service  127.0.0.1:%d

                Demo users: alice (acme), bob (globex), admin (platform admin).
                Press Ctrl-C to stop everything.
                """, Duration.between(begin, Instant.now()).toSeconds(), site.url(), services.gatewayUrl(),
                services.gatewayUrl(), receiver.url(), platform.bootstrapServers(), stage.bootstrapServers(), temporal.port());
    }

    /** A service that exited leaves the stack unusable: say which, and stop everything (the shutdown hook does). */
    private static void stopBecause(String serviceExit) {
        System.err.println("\nThe devstack stops: " + serviceExit);
        System.exit(1);
    }

    @Override
    public synchronized void close() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e.getMessage());
            }
        }
    }

    private synchronized <T extends AutoCloseable> T remember(T resource) {
        running.push(resource);
        return resource;
    }

    private static void createTopics(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<NewTopic> topics = Topics.ALL.stream().map(DevStack::newTopic).toList();
            admin.createTopics(topics).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static NewTopic newTopic(Topic<?> topic) {
        return new NewTopic(topic.name(), 3, (short) 1).configs(topic.configs());
    }

    private static void step(String text) {
        System.out.println("• " + text);
    }
}
