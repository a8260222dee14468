package dev.provisioningstatus.devstack.broker;

import dev.provisioningstatus.devstack.process.ChildJvm;
import dev.provisioningstatus.devstack.process.Ports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka broker in KRaft combined mode, from Kafka's own server classes, in its own
 * JVM on loopback. It can be stopped and started again on the same port and data, which is what
 * lets the devstack take an environment's cluster down and bring it back. Optionally it runs
 * Kafka's {@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false}: then only
 * its super users may do anything without ACLs, and ACLs created on it are real.
 */
public final class KraftBroker implements AutoCloseable {

    private final String name;
    private final Path directory;
    private final int port;
    private final int controllerPort;
    private final List<String> superUsers;
    private ChildJvm process;

    private KraftBroker(String name, Path directory, int port, int controllerPort, List<String> superUsers) {
        this.name = name;
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.superUsers = List.copyOf(superUsers);
    }

    /** Formats fresh storage under {@code directory} and starts the broker, without an authorizer. */
    public static KraftBroker start(String name, Path directory, int port) {
        KraftBroker broker = formatted(name, directory, port);
        broker.startProcess();
        return broker;
    }

    /**
     * Formats fresh storage under {@code directory} and starts the broker with the authorizer on.
     *
     * @param superUsers principals allowed everything, e.g. {@code User:ANONYMOUS} (every client of a
     *        PLAINTEXT listener, the broker's own controller connection included)
     */
    public static KraftBroker startWithAuthorizer(String name, Path directory, int port, List<String> superUsers) {
        if (superUsers.isEmpty()) {
            throw new IllegalArgumentException("an authorizing broker needs a super user, or it cannot run itself");
        }
        KraftBroker broker = new KraftBroker(name, directory, port, Ports.free(), superUsers);
        broker.format();
        broker.startProcess();
        return broker;
    }

    /** Formats fresh storage under {@code directory}; the broker stays down until {@link #startProcess()}. */
    public static KraftBroker formatted(String name, Path directory, int port) {
        KraftBroker broker = new KraftBroker(name, directory, port, Ports.free(), List.of());
        broker.format();
        return broker;
    }

    /** Whether {@code StandardAuthorizer} checks every request. */
    private boolean authorizes() {
        return !superUsers.isEmpty();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The broker JVM's process id, for CPU readings. */
    public synchronized long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized void startProcess() {
        if (isRunning()) {
            return;
        }
        process = ChildJvm.start("kafka-" + name, "kafka.Kafka",
                List.of("-Xmx512m", "-Dlogback.configurationFile=devstack-broker-logback.xml"),
                List.of(serverProperties().toString()), directory.resolve("broker.log"));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!process.logContains("Kafka Server started")) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Kafka broker '" + name + "' did not start; see " + process.log());
            }
            sleep();
        }
    }

    public synchronized void stopProcess() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    @Override
    public void close() {
        stopProcess();
    }

    private void format() {
        String config = serverProperties().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("cannot format Kafka storage: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private Path serverProperties() {
        Path file = directory.resolve("server.properties");
        if (Files.exists(file)) {
            return file;
        }
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + directory.resolve("data"),
                "num.partitions=3",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                authorizerProperties());
        try {
            Files.createDirectories(directory);
            Files.writeString(file, properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private String authorizerProperties() {
        if (!authorizes()) {
            return "";
        }
        return String.join("\n",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found=false",
                "super.users=" + String.join(";", superUsers),
                "");
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
