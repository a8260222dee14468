package dev.provisioningstatus.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults under load: while registrations, retries and events keep coming, the status view is
 * killed with SIGKILL and started again, repeatedly, and the broker is restarted on the same data.
 * Then the verifier reads everything {@code read_committed} and proves every event is reflected,
 * every application's views are versions 1..N once each, and each is a state that happened.
 *
 * <p>Short by default (part of {@code mvn test}); {@code -Dreliability.soak=true} runs the soak
 * variant: more kill cycles, broker restarts and traffic.
 */
class FaultToleranceTest {

    private static final boolean SOAK = Boolean.getBoolean("reliability.soak");
    private static final int KILL_CYCLES = Integer.getInteger("reliability.kill-cycles", SOAK ? 8 : 3);
    private static final int BROKER_RESTARTS = Integer.getInteger("reliability.broker-restarts", SOAK ? 2 : 1);
    private static final int DIRECT_APPLICATIONS = Integer.getInteger("reliability.direct-applications", SOAK ? 60 : 15);
    /** Direct events sent between two faults, so every fault meets traffic before and after it. */
    private static final int EVENTS_PER_PHASE = SOAK ? 150 : 30;
    private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(120);

    private static FaultSystem system;
    private static Traffic traffic;
    private static StatusLedger ledger;
    private static KafkaProducer<byte[], byte[]> probes;

    @BeforeAll
    static void startSystem() {
        system = new FaultSystem();
        probes = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 180_000),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopSystem() {
        for (AutoCloseable resource : new AutoCloseable[] {ledger, traffic, probes, system}) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                System.err.println("closing " + resource + ": " + e);
            }
        }
    }

    @Test
    void killedStatusViewsAndARestartedBrokerLoseDuplicateAndInventNothing() throws Exception {
        String runId = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
        traffic = new Traffic(system, runId, DIRECT_APPLICATIONS);
        traffic.start();
        int probe = 0;
        awaitTraffic();
        awaitProcessing(runId, ++probe);

        for (int cycle = 1; cycle <= KILL_CYCLES; cycle++) {
            System.out.printf("Faults: cycle %d, kill -9 status view (%s)%n", cycle, traffic.summary());
            system.statusView().kill();
            awaitTraffic();
            system.statusView().start();
            awaitProcessing(runId, ++probe);
            awaitTraffic();
            if (cycle <= BROKER_RESTARTS) {
                System.out.printf("Faults: cycle %d, broker restart (%s)%n", cycle, traffic.summary());
                system.broker().stopProcess();
                system.broker().startProcess();
                awaitProcessing(runId, ++probe);
                awaitTraffic();
            }
        }
        traffic.stop();

        ledger = new StatusLedger(system.bootstrapServers());
        AtomicReference<StatusLedger.Findings> findings = new AtomicReference<>();
        // The worker finishes its runs in flight and the status view folds the rest: wait for that, not for a time.
        try {
            await("every event folded").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        findings.set(ledger.refresh().compare());
                        return findings.get().problems().isEmpty();
                    });
        } catch (ConditionTimeoutException stillWrong) {
            // the assertions below say what is wrong
        }
        StatusLedger.Findings result = findings.get();
        System.out.printf("Faults: %d status-view kill -9 cycles, %d broker restart(s); %d applications, %d events "
                        + "read read_committed, %d views expected, %d views read; lost %d, duplicated %d, "
                        + "states that did not happen %d%n  traffic: %s%n",
                KILL_CYCLES, BROKER_RESTARTS, result.applications(), result.events(), result.expectedViews(),
                result.readViews(), result.lost(), result.duplicated(), result.phantom(), traffic.summary());
        assertThat(result.problems()).as("views against the events that call for them").isEmpty();
        assertThat(result.lost()).isZero();
        assertThat(result.duplicated()).isZero();
        assertThat(result.phantom()).isZero();
        assertThat(traffic.registrations()).as("registrations went through the gateway").isPositive();
        assertThat(result.events()).as("events were produced").isGreaterThan(EVENTS_PER_PHASE);
    }

    /** Waits until the direct traffic has moved on by one phase's worth of events. */
    private static void awaitTraffic() {
        long target = traffic.eventsAcknowledged() + EVENTS_PER_PHASE;
        await("traffic").atMost(PROGRESS_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> traffic.eventsAcknowledged() >= target);
    }

    /** Registers a fresh application and waits for its first view at the gateway: the whole chain works again. */
    private static void awaitProcessing(String runId, int probe) throws Exception {
        String applicationId = "flt-" + runId + "-probe-" + probe;
        ApplicationRegistered registration = ApplicationRegistered.of(applicationId, "Probe " + probe, "faults",
                "Faults", List.of(Environment.DEV), Instant.now());
        RecordHeaders headers = new RecordHeaders();
        byte[] value = Topics.APPLICATIONS.valueSerde().serializer().serialize(Topics.APPLICATIONS.name(), headers,
                registration);
        probes.send(new ProducerRecord<>(Topics.APPLICATIONS.name(), null, applicationId.getBytes(), value, headers))
                .get();
        String admin = system.tokens().admin("faults-observer");
        await("probe " + applicationId + " visible").atMost(PROGRESS_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> system.gateway().get("/api/applications/" + applicationId + "/provisioning", admin)
                        .status() == 200);
    }
}
