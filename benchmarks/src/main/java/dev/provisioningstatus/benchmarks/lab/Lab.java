package dev.provisioningstatus.benchmarks.lab;

import dev.provisioningstatus.devstack.Services;
import dev.provisioningstatus.devstack.broker.KraftBroker;
import dev.provisioningstatus.devstack.process.ChildJvm;
import dev.provisioningstatus.devstack.process.Directories;
import dev.provisioningstatus.devstack.process.Ports;
import dev.provisioningstatus.events.Topic;
import dev.provisioningstatus.events.Topics;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * One benchmark's world: a fresh KRaft broker in its own JVM (the devstack's {@link KraftBroker}),
 * the contract topics with three partitions as the devstack creates them, and the service JVMs
 * started for it. Closing it stops everything in reverse order.
 */
public final class Lab implements AutoCloseable {

    public static final int PARTITIONS = 3;

    private final Path directory;
    private final KraftBroker broker;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    private Lab(Path directory, KraftBroker broker) {
        this.directory = directory;
        this.broker = broker;
        running.push(broker);
    }

    public static Lab open(Path workDirectory, String name) {
        Path directory = workDirectory.resolve(name);
        Directories.wipe(directory);
        KraftBroker broker = KraftBroker.start("bench-" + name, directory.resolve("kafka"), Ports.free());
        Lab lab = new Lab(directory, broker);
        lab.createTopics(Topics.ALL.stream().map(Lab::contractTopic).toList());
        return lab;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The broker JVM's process id, for CPU readings. */
    public long brokerPid() {
        return broker.pid();
    }

    public Path directory() {
        return directory;
    }

    /**
     * A broker that has just started can refuse a creation for a while ("This server does not host this
     * topic-partition": its metadata is not ready yet). Such refusals are retriable: retry the topics still
     * missing, for a bounded time.
     */
    private static void createWhenReady(Admin admin, List<NewTopic> topics)
            throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                Set<String> existing = admin.listTopics().names().get();
                List<NewTopic> missing = topics.stream().filter(topic -> !existing.contains(topic.name())).toList();
                if (!missing.isEmpty()) {
                    admin.createTopics(missing).all().get();
                }
                return;
            } catch (ExecutionException e) {
                boolean retriable = e.getCause() instanceof RetriableException
                        || e.getCause() instanceof TopicExistsException;
                if (!retriable || System.nanoTime() > deadline) {
                    throw e;
                }
                Pause.millis(200);
            }
        }
    }

    /**
     * Whether every partition of {@code names} has a leader; not yet while the broker answers that it does
     * not know a topic it has just created ("This server does not host this topic-partition").
     */
    private static boolean haveLeaders(Admin admin, List<String> names)
            throws ExecutionException, InterruptedException {
        try {
            return admin.describeTopics(names).allTopicNames().get().values().stream()
                    .allMatch(topic -> topic.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                return false;
            }
            throw e;
        }
    }

    public void createTopics(List<NewTopic> topics) {
        try (Admin admin = admin()) {
            createWhenReady(admin, topics);
            // Producing before every partition has a leader can wedge an idempotent producer
            // (OUT_OF_ORDER_SEQUENCE_NUMBER retried forever): wait for the leaders first.
            List<String> names = topics.stream().map(NewTopic::name).toList();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!haveLeaders(admin, names)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + names + " have no leaders after 60 s");
                }
                Pause.millis(100);
            }
            Pause.millis(500);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** The sum of a consumer group's committed offsets on {@code topic}'s partitions; 0 before its first commit. */
    public long committedOffsets(String groupId, String topic) {
        try (Admin admin = admin()) {
            return committedOffsets(admin, groupId, topic);
        }
    }

    public static long committedOffsets(Admin admin, String groupId, String topic) {
        try {
            return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(entry -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
                    .mapToLong(entry -> entry.getValue().offset()).sum();
        } catch (ExecutionException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The status view as a deployment runs it ({@code StatusViewApplication}, {@code exactly_once_v2}),
     * with {@code extraArgs} (e.g. {@code --provisioning.status-view.commit-interval=20ms}).
     */
    public ServiceJvm startStatusView(String applicationId, List<String> jvmOptions, List<String> extraArgs) {
        int port = Ports.free();
        List<String> args = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
                "--spring.kafka.streams.application-id=" + applicationId,
                "--spring.kafka.streams.state-dir=" + directory.resolve("status-view-state-" + applicationId),
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                // One instance per application id at a time: as a static member, a restarted one (the next
                // commit interval) takes its tasks back at once instead of waiting for the old member's
                // session to expire (45 s), which stalled the first seconds of its run.
                "--spring.kafka.streams.properties.group.instance.id=" + applicationId + "-bench"));
        args.addAll(extraArgs);
        return remember(new ServiceJvm(ChildJvm.Launch.of("status-view",
                "dev.provisioningstatus.statusview.StatusViewApplication", jvmOptions, args,
                directory.resolve("logs/status-view-" + applicationId + "-" + port + ".log")), port))
                .awaitReady(Duration.ofMinutes(3));
    }

    /** The gateway ({@code GatewayApplication}), ready once it has read {@code provisioning.status}. */
    public ServiceJvm startGateway(String hmacSecret, List<String> jvmOptions, List<String> extraArgs) {
        int port = Ports.free();
        List<String> args = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                // Benchmarks read the index size from the readiness details.
                "--management.endpoint.health.show-details=always",
                "--management.endpoint.health.group.readiness.show-details=always"));
        args.addAll(extraArgs);
        return remember(new ServiceJvm(ChildJvm.Launch.of("gateway", "dev.provisioningstatus.gateway.GatewayApplication",
                jvmOptions, args, directory.resolve("logs/gateway-" + port + ".log"))
                .withEnvironment(Map.of(Services.GATEWAY_HMAC_SECRET_VARIABLE, hmacSecret,
                        Services.WEBHOOK_SECRET_KEY_VARIABLE, Services.randomWebhookSecretKey())), port))
                .awaitReady(Duration.ofMinutes(5));
    }

    /** Where this module's classes are, for a child JVM that runs one of them (not on the services' classpath). */
    public static String benchmarkClasses() {
        try {
            return Path.of(Lab.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public <T extends AutoCloseable> T remember(T resource) {
        running.push(resource);
        return resource;
    }

    /** Stops one service started by this lab (e.g. to restart it on a backlog). */
    public void stop(ServiceJvm service) {
        service.close();
        running.remove(service);
    }

    @Override
    public void close() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
    }

    private static NewTopic contractTopic(Topic<?> topic) {
        return new NewTopic(topic.name(), PARTITIONS, (short) 1).configs(topic.configs());
    }
}
