package dev.provisioningstatus.worker;

import static dev.provisioningstatus.events.Environment.DEV;
import static dev.provisioningstatus.events.Environment.PROD;
import static dev.provisioningstatus.events.Environment.STAGE;
import static dev.provisioningstatus.worker.fixtures.Commands.newApplicationId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.events.CloudEventHeaders;
import dev.provisioningstatus.events.EnvironmentProvisioningResult;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.FailureReason;
import dev.provisioningstatus.events.ProvisionRequested;
import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.ProvisioningFinished;
import dev.provisioningstatus.events.ProvisioningRequestRejected;
import dev.provisioningstatus.events.ProvisioningStarted;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.testsupport.KafkaBrokers;
import dev.provisioningstatus.testsupport.RealKafka;
import dev.provisioningstatus.worker.fixtures.Commands;
import dev.provisioningstatus.worker.fixtures.Ports;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole worker: a command on {@code provisioning.commands} becomes a Temporal run (Temporal's
 * in-process test service) that provisions dev on the real broker and fails on stage, whose
 * cluster refuses connections, and publishes its events on {@code provisioning.events}. Prod's
 * cluster takes connections and never answers, so a run there stays in progress for a while.
 */
@RealKafka
@SpringBootTest(properties = {"spring.config.name=" + ProvisioningWorkerApplication.CONFIG_NAME,
        "spring.temporal.test-server.enabled=true"})
class ProvisioningWorkerIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String DEAD_LETTERS = "provisioning.commands.dlq";

    private static final ServerSocket hungProdCluster = Ports.silentListener();

    @DynamicPropertySource
    static void clusters(DynamicPropertyRegistry registry) {
        String broker = KafkaBrokers.shared().bootstrapServers();
        registry.add("spring.kafka.bootstrap-servers", () -> broker);
        registry.add("provisioning.environments.dev.bootstrap-servers", () -> broker);
        registry.add("provisioning.environments.stage.bootstrap-servers", () -> "127.0.0.1:" + Ports.closedPort());
        registry.add("provisioning.environments.prod.bootstrap-servers",
                () -> "127.0.0.1:" + hungProdCluster.getLocalPort());
    }

    @AfterAll
    static void closeHungCluster() throws IOException {
        hungProdCluster.close();
    }

    @Test
    void aCommandBecomesAnAttemptWhoseEventsArePublishedWithCloudEventsHeaders() {
        String app = newApplicationId("it-partial");

        send(app, Topics.PROVISIONING_COMMANDS.valueSerde().serializer(), Commands.created(app, DEV, STAGE));
        List<ConsumerRecord<String, ProvisioningEvent>> records = eventsUntilFinished(app);

        List<ProvisioningEvent> events = records.stream().map(ConsumerRecord::value).toList();
        assertThat(events.get(0)).isInstanceOfSatisfying(ProvisioningStarted.class, started -> {
            assertThat(started.attempt()).isEqualTo(1);
            assertThat(started.environments()).containsExactly(DEV, STAGE);
        });
        assertThat(events.subList(1, 3)).extracting(event -> (EnvironmentProvisioningResult) event)
                .satisfiesExactlyInAnyOrder(
                        dev -> {
                            assertThat(dev.environment()).isEqualTo(DEV);
                            assertThat(dev.status()).isEqualTo(EnvironmentStatus.SUCCEEDED);
                            assertThat(dev.virtualClusterId()).isEqualTo("dev/acme." + app);
                        },
                        stage -> {
                            assertThat(stage.environment()).isEqualTo(STAGE);
                            assertThat(stage.status()).isEqualTo(EnvironmentStatus.FAILED);
                            assertThat(stage.reason()).isEqualTo(FailureReason.ConnectionRefused);
                            assertThat(stage.message()).isEqualTo("Connection refused");
                            assertThat(stage.retryable()).isTrue();
                            assertThat(stage.errorDetail()).contains("java.net.ConnectException");
                        });
        assertThat(events.get(3)).isInstanceOfSatisfying(ProvisioningFinished.class,
                finished -> assertThat(finished.status()).isEqualTo(ProvisioningStatus.PARTIAL));
        assertThat(records).hasSize(4).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo(app);
            assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(record.value().eventId());
            assertThat(header(record, CloudEventHeaders.TYPE))
                    .isEqualTo("dev.provisioningstatus." + record.value().getClass().getSimpleName());
            assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/provisioning-worker");
            assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(header(record, CloudEventHeaders.TIME)).isNotBlank();
        });
    }

    @Test
    void aMalformedCommandIsDeadLetteredAndTheCommandBehindItStillRuns() {
        String app = newApplicationId("it-malformed");
        byte[] malformed = "{\"applicationId\": 42".getBytes(StandardCharsets.UTF_8);

        // Same key, hence same partition: the valid command waits behind the malformed one.
        send(app, new ByteArraySerializer(), malformed);
        send(app, Topics.PROVISIONING_COMMANDS.valueSerde().serializer(), Commands.created(app, DEV));

        assertThat(eventsUntilFinished(app)).last().satisfies(record -> assertThat(
                ((ProvisioningFinished) record.value()).status()).isEqualTo(ProvisioningStatus.COMPLETED));
        ConsumerRecord<String, byte[]> deadLetter = firstRecord(DEAD_LETTERS, new ByteArrayDeserializer(), app);
        assertThat(deadLetter.value()).isEqualTo(malformed);
        assertThat(header(deadLetter, "dlt-reason")).startsWith("not JSON");
        assertThat(header(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.PROVISIONING_COMMANDS.name());
    }

    @Test
    void aCommandArrivingWhileARunIsInProgressIsPublishedAsRejected() {
        String app = newApplicationId("it-busy");
        ProvisionRequested retry = Commands.retry(app, PROD);

        // Same key, same partition: the retry is handled once the first command's run is going.
        send(app, Topics.PROVISIONING_COMMANDS.valueSerde().serializer(), Commands.created(app, PROD));
        send(app, Topics.PROVISIONING_COMMANDS.valueSerde().serializer(), retry);

        ConsumerRecord<String, ProvisioningEvent> record = firstRecord(Topics.PROVISIONING_EVENTS.name(),
                Topics.PROVISIONING_EVENTS.valueSerde().deserializer(), app,
                event -> event instanceof ProvisioningRequestRejected);
        assertThat(record.value()).isInstanceOfSatisfying(ProvisioningRequestRejected.class, rejected -> {
            assertThat(rejected.commandId()).isEqualTo(retry.commandId());
            assertThat(rejected.reason()).isEqualTo(ProvisioningRequestRejected.RUN_IN_PROGRESS);
            assertThat(rejected.runningAttempt()).isEqualTo(1);
            assertThat(rejected.requestedBy()).isEqualTo(retry.requestedBy());
        });
        assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(record.value().eventId());
        assertThat(header(record, CloudEventHeaders.TYPE))
                .isEqualTo("dev.provisioningstatus.ProvisioningRequestRejected");
    }

    @Test
    void theSameCommandDeliveredTwiceStartsOneRunAndIsNotRejected() {
        String app = newApplicationId("it-twice");
        ProvisionRequested created = Commands.created(app, PROD);
        ProvisionRequested laterRetry = Commands.retry(app, PROD);

        // Same partition, in order: the command, its redelivery, then another command whose rejection
        // proves the redelivery in between has been handled. Prod hangs, so run 1 stays in progress.
        send(app, Topics.PROVISIONING_COMMANDS.valueSerde().serializer(), created);
        send(app, Topics.PROVISIONING_COMMANDS.valueSerde().serializer(), created);
        send(app, Topics.PROVISIONING_COMMANDS.valueSerde().serializer(), laterRetry);

        // The listener publishes rejections itself, in command order; Started comes from the workflow, at its pace.
        List<ProvisioningEvent> events = eventsUntil(app, seen -> seen.stream().anyMatch(
                ProvisioningStarted.class::isInstance) && seen.stream().anyMatch(
                ProvisioningRequestRejected.class::isInstance));
        assertThat(events).filteredOn(ProvisioningStarted.class::isInstance).hasSize(1);
        assertThat(events).filteredOn(ProvisioningRequestRejected.class::isInstance)
                .extracting(event -> ((ProvisioningRequestRejected) event).commandId())
                .containsExactly(laterRetry.commandId());
    }

    @Test
    void commandsAreConsumedByTheProvisioningWorkerGroup() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokers.shared().bootstrapServers()))) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(admin.listGroups().all().get())
                    .extracting(GroupListing::groupId).contains("provisioning-worker"));
        }
    }

    private static <V> void send(String key, Serializer<V> values, V value) {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokers.shared().bootstrapServers()),
                new StringSerializer(), values)) {
            producer.send(new ProducerRecord<>(Topics.PROVISIONING_COMMANDS.name(), key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send the command", e);
        }
    }

    /** The application's events, read committed, up to and including its {@code ProvisioningFinished}. */
    private static List<ConsumerRecord<String, ProvisioningEvent>> eventsUntilFinished(String app) {
        return recordsUntil(app, records -> records.stream()
                .anyMatch(record -> record.value() instanceof ProvisioningFinished));
    }

    /** The application's events, read committed, until what has been read satisfies {@code enough}. */
    private static List<ProvisioningEvent> eventsUntil(String app, Predicate<List<ProvisioningEvent>> enough) {
        return recordsUntil(app, records -> enough.test(records.stream().map(ConsumerRecord::value).toList()))
                .stream().map(ConsumerRecord::value).toList();
    }

    private static List<ConsumerRecord<String, ProvisioningEvent>> recordsUntil(String app,
            Predicate<List<ConsumerRecord<String, ProvisioningEvent>>> enough) {
        List<ConsumerRecord<String, ProvisioningEvent>> records = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, ProvisioningEvent> consumer = consumer(
                Topics.PROVISIONING_EVENTS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.PROVISIONING_EVENTS.name()));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (app.equals(record.key())) {
                        records.add(record);
                    }
                });
                return enough.test(records);
            });
        }
        return records;
    }

    private static <V> ConsumerRecord<String, V> firstRecord(String topic, Deserializer<V> values, String key) {
        return firstRecord(topic, values, key, value -> true);
    }

    private static <V> ConsumerRecord<String, V> firstRecord(String topic, Deserializer<V> values, String key,
            Predicate<V> wanted) {
        List<ConsumerRecord<String, V>> found = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, V> consumer = consumer(values)) {
            consumer.subscribe(List.of(topic));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key()) && wanted.test(record.value())) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
        }
        return found.get(0);
    }

    private static <V> KafkaConsumer<String, V> consumer(Deserializer<V> values) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokers.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), values);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return CloudEventHeaders.read(record.headers(), name);
    }
}
