package dev.provisioningstatus.reliability.faults;

import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentProvisioningResult;
import dev.provisioningstatus.events.EventIds;
import dev.provisioningstatus.events.FailureReason;
import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.ProvisioningFinished;
import dev.provisioningstatus.events.ProvisioningStarted;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.events.Trigger;
import dev.provisioningstatus.reliability.system.GatewayClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A steady stream of work while faults happen: registrations and retries through the gateway
 * (turned into real provisioning runs by the worker), and provisioning events written straight to
 * {@code provisioning.events} for applications registered straight on {@code applications},
 * attempt after attempt (interleaved across applications, about 25 a second), some results
 * delivered twice (an activity that ran twice). What is counted here is what was tried; the
 * verifier's ground truth is what the topics hold.
 */
final class Traffic implements AutoCloseable {

    /** One directly-fed application: the attempt it is in and the events of that attempt still to send. */
    private static final class Script {
        final String applicationId;
        int attempt;
        final List<ProvisioningEvent> pending = new ArrayList<>();

        Script(String applicationId) {
            this.applicationId = applicationId;
        }
    }

    private static final List<Environment> ALL = List.of(Environment.DEV, Environment.STAGE, Environment.PROD);

    private final FaultSystem system;
    private final String runId;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Random random = new Random(42);
    private final List<Script> scripts = new ArrayList<>();
    private final List<String> registered = new CopyOnWriteArrayList<>();
    private final Map<Integer, AtomicInteger> httpAnswers = new ConcurrentHashMap<>();
    private final AtomicInteger httpFailures = new AtomicInteger();
    private final AtomicLong eventsAcknowledged = new AtomicLong();
    private final AtomicLong eventsFailed = new AtomicLong();
    private final AtomicInteger registrations = new AtomicInteger();
    private final Set<String> acceptedCommands = ConcurrentHashMap.newKeySet();
    private final Set<String> acceptedRegistrations = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService pacing = Executors.newScheduledThreadPool(2);

    Traffic(FaultSystem system, String runId, int syntheticApplications) {
        this.system = system;
        this.runId = runId;
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // Rides out a broker restart: records wait and are delivered once the broker is back.
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 180_000),
                new ByteArraySerializer(), new ByteArraySerializer());
        for (int i = 1; i <= syntheticApplications; i++) {
            Script script = new Script("flt-" + runId + "-direct-" + i);
            scripts.add(script);
            ApplicationRegistered registration = ApplicationRegistered.of(script.applicationId,
                    "Direct " + i, "faults", "Faults", ALL, Instant.now());
            RecordHeaders headers = new RecordHeaders();
            send(Topics.APPLICATIONS.name(), script.applicationId,
                    Topics.APPLICATIONS.valueSerde().serializer().serialize(Topics.APPLICATIONS.name(), headers,
                            registration), headers, false);
        }
        producer.flush();
    }

    /** A registration and a retry through the gateway every 200 ms; a direct event every 40 ms. */
    void start() {
        pacing.scheduleWithFixedDelay(this::driveGateway, 0, 200, TimeUnit.MILLISECONDS);
        pacing.scheduleWithFixedDelay(this::sendNextEvent, 0, 40, TimeUnit.MILLISECONDS);
    }

    long eventsAcknowledged() {
        return eventsAcknowledged.get();
    }

    int registrations() {
        return registrations.get();
    }

    /** Command ids of the registrations (201) and retries (202) the gateway accepted. */
    Set<String> acceptedCommands() {
        return Set.copyOf(acceptedCommands);
    }

    /** Applications whose registration the gateway accepted (201). */
    Set<String> acceptedRegistrations() {
        return Set.copyOf(acceptedRegistrations);
    }

    String summary() {
        return "registrations tried " + registrations.get() + ", gateway answers " + new TreeMap<>(httpAnswers)
                + " (+" + httpFailures.get() + " without an answer), direct events acknowledged "
                + eventsAcknowledged.get() + " (" + eventsFailed.get() + " not)";
    }

    private void driveGateway() {
        try {
            String applicationId = "flt-" + runId + "-reg-" + registrations.incrementAndGet();
            count(system.gateway().postJson("/api/applications", system.tokens().platformService("faults-platform"),
                    Map.of("applicationId", applicationId, "name", "Registered " + applicationId,
                            "workspaceId", "faults", "workspaceName", "Faults",
                            "environments", List.of("dev", "stage", "prod"))), applicationId);
            if (!registered.isEmpty()) {
                String retried = registered.get(random.nextInt(registered.size()));
                count(system.gateway().send("POST", "/api/applications/" + retried + "/provisioning/retry",
                        system.tokens().admin("faults-admin"), Map.of(), null, null), null);
            }
        } catch (RuntimeException noAnswer) {
            httpFailures.incrementAndGet();
        }
    }

    private void count(GatewayClient.Answer answer, String registeredId) {
        httpAnswers.computeIfAbsent(answer.status(), status -> new AtomicInteger()).incrementAndGet();
        if (answer.status() == 201 || answer.status() == 202) {
            acceptedCommands.add(answer.json().path("commandId").asString());
        }
        if (registeredId != null && answer.status() == 201) {
            registered.add(registeredId);
            acceptedRegistrations.add(registeredId);
        }
    }

    private void sendNextEvent() {
        Script script = scripts.get(random.nextInt(scripts.size()));
        if (script.pending.isEmpty()) {
            plan(script);
        }
        ProvisioningEvent event = script.pending.remove(0);
        RecordHeaders headers = new RecordHeaders();
        try {
            send(Topics.PROVISIONING_EVENTS.name(), script.applicationId, Topics.PROVISIONING_EVENTS.valueSerde()
                    .serializer().serialize(Topics.PROVISIONING_EVENTS.name(), headers, event), headers, true);
        } catch (RuntimeException refused) {
            // Counted, and the schedule goes on: a task that throws would never run again.
            eventsFailed.incrementAndGet();
        }
    }

    /** The next attempt: a start, a result per environment in random order, now and then one twice, a finish. */
    private void plan(Script script) {
        int attempt = ++script.attempt;
        String workflowId = EventIds.workflowId(script.applicationId);
        Instant now = Instant.now();
        script.pending.add(ProvisioningStarted.of(script.applicationId, null, workflowId, attempt, ALL,
                attempt == 1 ? Trigger.CREATED : Trigger.RETRY, UUID.randomUUID().toString(), now));
        List<EnvironmentProvisioningResult> results = new ArrayList<>();
        int failed = 0;
        for (Environment environment : ALL) {
            if (random.nextInt(3) == 0) {
                failed++;
                results.add(EnvironmentProvisioningResult.failed(script.applicationId, null, workflowId, attempt, environment,
                        FailureReason.values()[random.nextInt(FailureReason.values().length)],
                        "faults: attempt " + attempt + " of " + environment.id(), true, now));
            } else {
                results.add(EnvironmentProvisioningResult.succeeded(script.applicationId, null, workflowId, attempt,
                        environment, "vc-" + script.applicationId + "-" + environment.id(), now));
            }
        }
        Collections.shuffle(results, random);
        for (EnvironmentProvisioningResult result : results) {
            script.pending.add(result);
            if (random.nextInt(4) == 0) {
                script.pending.add(result);
            }
        }
        ProvisioningStatus status = failed == 0 ? ProvisioningStatus.COMPLETED
                : failed == ALL.size() ? ProvisioningStatus.FAILED : ProvisioningStatus.PARTIAL;
        script.pending.add(ProvisioningFinished.of(script.applicationId, null, workflowId, attempt, status, now));
    }

    private void send(String topic, String key, byte[] value, RecordHeaders headers, boolean event) {
        producer.send(new ProducerRecord<>(topic, null, key.getBytes(StandardCharsets.UTF_8), value,
                headers), (metadata, failure) -> {
                    if (event) {
                        (failure == null ? eventsAcknowledged : eventsFailed).incrementAndGet();
                    }
                });
    }

    /** Stops sending and waits until every record sent so far is acknowledged (or given up). */
    void stop() throws InterruptedException {
        pacing.shutdown();
        if (!pacing.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("traffic did not stop within 60 s");
        }
        producer.flush();
    }

    @Override
    public void close() {
        pacing.shutdownNow();
        producer.close();
    }
}
