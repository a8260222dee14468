package dev.provisioningstatus.statusview.crash;

import dev.provisioningstatus.statusview.stream.ProvisioningStatusTopology;
import dev.provisioningstatus.statusview.stream.StatusViewProperties;
import dev.provisioningstatus.statusview.stream.StreamsSettings;
import dev.provisioningstatus.statusview.view.ProvisioningViewFolder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * A status view instance (the service's topology and Streams settings) in a child JVM that freezes with
 * an open transaction ({@link FreezeWithOpenTransaction}) and is then killed with SIGKILL: no shutdown
 * hook, no close, no commit, no abort; its sockets just drop, as when a machine or container dies. A child
 * JVM is the honest way to get that from a test: inside the test JVM the clients would still run and could
 * still commit or abort.
 */
final class DoomedStatusView implements AutoCloseable {

    /** The service's defaults (status-view.yml). */
    private static final StatusViewProperties SETTINGS =
            new StatusViewProperties(Duration.ofMillis(20), Duration.ofMillis(5));

    /** Of the input topics, as {@code TestTopics} creates them. */
    private static final int PARTITIONS = 3;

    private final Process process;
    private final Path log;

    private DoomedStatusView(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts an instance of {@code applicationId}; it freezes after the {@code afterViews}-th view of an
     * application id starting with {@code keyPrefix} was sent. Its output goes to {@code log}.
     */
    static DoomedStatusView start(String bootstrapServers, String applicationId, Path stateDir, String keyPrefix,
            long afterViews, Path log) {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Start-up speed over peak speed: this JVM lives for seconds on a shared machine.
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-D" + FreezeWithOpenTransaction.KEY_PREFIX + "=" + keyPrefix,
                "-D" + FreezeWithOpenTransaction.AFTER_VIEWS + "=" + afterViews,
                "-cp", System.getProperty("java.class.path"),
                DoomedStatusView.class.getName(),
                Long.toString(ProcessHandle.current().pid()), bootstrapServers, applicationId, stateDir.toString());
        try {
            return new DoomedStatusView(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the doomed status view", e);
        }
    }

    /**
     * The child's entry point; arguments: the parent's pid, bootstrap servers, application id, state
     * directory. Kafka Streams with the service's topology and required settings, without Spring, which
     * would only make this JVM start slower.
     */
    public static void main(String[] args) {
        // Never outlive the test JVM, however it ends.
        ProcessHandle.of(Long.parseLong(args[0])).map(ProcessHandle::onExit)
                .orElseGet(() -> CompletableFuture.completedFuture(null))
                .thenRun(() -> Runtime.getRuntime().halt(1));
        Properties config = new Properties();
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[1]);
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, args[2]);
        config.put(StreamsConfig.STATE_DIR_CONFIG, args[3]);
        config.putAll(StreamsSettings.required(SETTINGS));
        // The group hands a dead member's tasks over once its session expires; Kafka's default of 45 s would
        // only make the successor wait longer. 6 s is the broker's minimum.
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2000);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG),
                FreezeWithOpenTransaction.class.getName());
        new KafkaStreams(new ProvisioningStatusTopology(new ProvisioningViewFolder(), new SimpleMeterRegistry(),
                PARTITIONS).build(), config).start();
    }

    /**
     * Whether it froze; then {@link #openTransactionAt()} says where. Fails if the JVM exited instead,
     * with its output, since it will never freeze then.
     */
    boolean frozen() {
        if (openTransactionLine().isPresent()) {
            return true;
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("the doomed status view exited with " + process.exitValue()
                    + " before freezing:\n" + output());
        }
        return false;
    }

    /** The partition and offset of the view whose transaction it left open. */
    PartitionOffset openTransactionAt() {
        String at = openTransactionLine().orElseThrow().substring(FreezeWithOpenTransaction.FROZEN.length()).trim();
        String[] parts = at.split("@");
        return new PartitionOffset(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the doomed status view survived SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private Optional<String> openTransactionLine() {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.startsWith(FreezeWithOpenTransaction.FROZEN)).findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Where a record is in {@code provisioning.status}. */
    record PartitionOffset(int partition, long offset) {
    }
}
