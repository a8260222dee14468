package dev.provisioningstatus.statusview;

import static dev.provisioningstatus.events.Environment.DEV;
import static dev.provisioningstatus.events.Environment.PROD;
import static dev.provisioningstatus.events.Environment.STAGE;
import static dev.provisioningstatus.events.FailureReason.ConnectionRefused;
import static dev.provisioningstatus.statusview.ProvisioningFixtures.ALL_ENVIRONMENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.CloudEventHeaders;
import dev.provisioningstatus.events.EnvironmentCondition;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.EventJson;
import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.statusview.stream.DeadLetterHeaders;
import dev.provisioningstatus.testsupport.KafkaBroker;
import dev.provisioningstatus.testsupport.KafkaBrokers;
import dev.provisioningstatus.testsupport.RealKafka;
import dev.provisioningstatus.testsupport.TestTopics;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.zip.CRC32;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** The status view as the devstack runs it (main's SpringApplication, Spring arguments), on a real broker. */
@RealKafka
class StatusViewApplicationRealKafkaTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path stateDir;

    private static ConfigurableApplicationContext application;
    private static String bootstrapServers;

    @BeforeAll
    static void startStatusView() {
        bootstrapServers = KafkaBrokers.shared().bootstrapServers();
        TestTopics.create(bootstrapServers, Topics.ALL);
        application = StatusViewApplication.application().run(
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.kafka.streams.application-id=status-view-it-" + UUID.randomUUID(),
                "--spring.kafka.streams.state-dir=" + stateDir,
                "--server.port=0");
    }

    @AfterAll
    static void stopStatusView() {
        if (application != null) {
            application.close();
        }
    }

    @Test
    void foldsRegistrationAndEventsIntoACommittedPartialView(KafkaBroker broker) throws Exception {
        ProvisioningFixtures app = ProvisioningFixtures.of(uniqueApplicationId());

        try (var registrations = new KafkaProducer<>(producerConfig(broker), new StringSerializer(),
                Topics.APPLICATIONS.valueSerde().serializer());
                var events = new KafkaProducer<>(producerConfig(broker), new StringSerializer(),
                        Topics.PROVISIONING_EVENTS.valueSerde().serializer())) {
            registrations.send(new ProducerRecord<>(Topics.APPLICATIONS.name(), app.applicationId(),
                    app.registered(ALL_ENVIRONMENTS))).get();
            for (ProvisioningEvent event : List.of(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3),
                    app.failed(1, STAGE, ConnectionRefused, 4), app.succeeded(1, PROD, 5),
                    app.finished(1, ProvisioningStatus.PARTIAL, 6))) {
                events.send(new ProducerRecord<>(Topics.PROVISIONING_EVENTS.name(), app.applicationId(), event)).get();
            }
        }

        List<ApplicationProvisioningView> views = new ArrayList<>();
        try (var consumer = readCommitted(broker, new StringDeserializer(),
                Topics.PROVISIONING_STATUS.valueSerde().deserializer(), Topics.PROVISIONING_STATUS.name())) {
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (app.applicationId().equals(record.key())) {
                        views.add(record.value());
                    }
                });
                return !views.isEmpty() && views.get(views.size() - 1).version() == 5;
            });
        }

        ApplicationProvisioningView view = views.get(views.size() - 1);
        assertThat(view.status()).isEqualTo(ProvisioningStatus.PARTIAL);
        assertThat(view.error()).isEqualTo("stage: Connection refused");
        assertThat(view.environments()).extracting(EnvironmentCondition::status)
                .containsExactly(EnvironmentStatus.SUCCEEDED, EnvironmentStatus.FAILED, EnvironmentStatus.SUCCEEDED);
        assertThat(view.environments().get(1).reason()).isEqualTo(ConnectionRefused);
        assertThat(views).extracting(ApplicationProvisioningView::version).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void unreadableEventIsCommittedToTheDeadLetterTopicAndTheNextOneIsFolded(KafkaBroker broker) throws Exception {
        ProvisioningFixtures app = ProvisioningFixtures.of(uniqueApplicationId());
        byte[] garbage = ("garbage for " + app.applicationId()).getBytes(StandardCharsets.UTF_8);

        try (var producer = new KafkaProducer<>(producerConfig(broker), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.APPLICATIONS.name(), app.applicationId(),
                    Topics.APPLICATIONS.valueSerde().serializer().serialize(Topics.APPLICATIONS.name(),
                            app.registered(ALL_ENVIRONMENTS)))).get();
            producer.send(new ProducerRecord<>(Topics.PROVISIONING_EVENTS.name(), app.applicationId(), garbage)).get();
            producer.send(new ProducerRecord<>(Topics.PROVISIONING_EVENTS.name(), app.applicationId(),
                    Topics.PROVISIONING_EVENTS.valueSerde().serializer().serialize(Topics.PROVISIONING_EVENTS.name(),
                            app.started(1, ALL_ENVIRONMENTS, 2)))).get();
        }

        ConsumerRecord<String, byte[]> deadLetter = awaitRecord(broker, Topics.PROVISIONING_EVENTS_DLQ.name(),
                new ByteArrayDeserializer(), record -> app.applicationId().equals(record.key()));
        assertThat(deadLetter.value()).isEqualTo(garbage);
        assertThat(CloudEventHeaders.read(deadLetter.headers(), DeadLetterHeaders.MESSAGE)).startsWith("not JSON");

        ConsumerRecord<String, ApplicationProvisioningView> inProgress = awaitRecord(broker,
                Topics.PROVISIONING_STATUS.name(), Topics.PROVISIONING_STATUS.valueSerde().deserializer(),
                record -> app.applicationId().equals(record.key()) && record.value().version() == 2);
        assertThat(inProgress.value().status()).isEqualTo(ProvisioningStatus.IN_PROGRESS);
    }

    @Test
    void eventsOnThePartitionLibrdkafkasPartitionerPicksAreFoldedIntoTheApplicationsView(KafkaBroker broker)
            throws Exception {
        ProvisioningFixtures app = ProvisioningFixtures.of(applicationIdPartitionedDifferentlyByCrc32());
        int crc32Partition = crc32Partition(app.applicationId());

        try (var registrations = new KafkaProducer<>(producerConfig(broker), new StringSerializer(),
                Topics.APPLICATIONS.valueSerde().serializer());
                var events = new KafkaProducer<>(producerConfig(broker), new StringSerializer(),
                        Topics.PROVISIONING_EVENTS.valueSerde().serializer())) {
            registrations.send(new ProducerRecord<>(Topics.APPLICATIONS.name(), app.applicationId(),
                    app.registered(ALL_ENVIRONMENTS))).get();
            for (ProvisioningEvent event : List.of(app.started(1, ALL_ENVIRONMENTS, 2),
                    app.failed(1, STAGE, ConnectionRefused, 3))) {
                assertThat(events.send(new ProducerRecord<>(Topics.PROVISIONING_EVENTS.name(), crc32Partition,
                        app.applicationId(), event)).get().partition()).isEqualTo(crc32Partition);
            }
        }

        ConsumerRecord<String, ApplicationProvisioningView> view = awaitRecord(broker,
                Topics.PROVISIONING_STATUS.name(), Topics.PROVISIONING_STATUS.valueSerde().deserializer(),
                record -> app.applicationId().equals(record.key()) && record.value().version() == 3);
        assertThat(view.value().status()).isEqualTo(ProvisioningStatus.IN_PROGRESS);
        assertThat(view.value().environments().get(1).status()).isEqualTo(EnvironmentStatus.FAILED);
        MeterRegistry meters = application.getBean(MeterRegistry.class);
        await().atMost(PATIENCE).until(() -> meters.getMeters().stream()
                .filter(meter -> meter.getId().getName().contains("rerouted.records.total"))
                .filter(meter -> Topics.PROVISIONING_EVENTS.name().equals(meter.getId().getTag("topic")))
                .mapToDouble(meter -> meter.measure().iterator().next().getValue()).sum() >= 2);
    }

    @Test
    void viewsThatNeedAttentionAreCommittedToTheIssuesTopicToo(KafkaBroker broker) throws Exception {
        ProvisioningFixtures app = ProvisioningFixtures.of(uniqueApplicationId());

        try (var registrations = new KafkaProducer<>(producerConfig(broker), new StringSerializer(),
                Topics.APPLICATIONS.valueSerde().serializer());
                var events = new KafkaProducer<>(producerConfig(broker), new StringSerializer(),
                        Topics.PROVISIONING_EVENTS.valueSerde().serializer())) {
            registrations.send(new ProducerRecord<>(Topics.APPLICATIONS.name(), app.applicationId(),
                    app.registered(ALL_ENVIRONMENTS))).get();
            events.send(new ProducerRecord<>(Topics.PROVISIONING_EVENTS.name(), app.applicationId(),
                    app.started(1, ALL_ENVIRONMENTS, 2))).get();
        }

        ConsumerRecord<String, ApplicationProvisioningView> issue = awaitRecord(broker,
                Topics.PROVISIONING_ISSUES.name(), Topics.PROVISIONING_ISSUES.valueSerde().deserializer(),
                record -> app.applicationId().equals(record.key()) && record.value().version() == 2);
        assertThat(issue.value().status()).isEqualTo(ProvisioningStatus.IN_PROGRESS);
    }

    @Test
    void readinessIsUpOnceStreamsRunsAndStreamsMetricsAreInMicrometer() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI readiness = URI.create("http://127.0.0.1:" + application.getEnvironment().getProperty("local.server.port")
                + "/actuator/health/readiness");

        await().atMost(PATIENCE).until(() -> http.send(HttpRequest.newBuilder(readiness).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        JsonNode ready = EventJson.MAPPER.readTree(http.send(HttpRequest.newBuilder(readiness).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(ready.at("/components/kafkaStreams/details/state").asString()).isEqualTo("RUNNING");

        MeterRegistry meters = application.getBean(MeterRegistry.class);
        await().atMost(PATIENCE).until(() -> meters.getMeters().stream()
                .anyMatch(meter -> meter.getId().getName().startsWith("kafka.stream.")));
    }

    private static <V> ConsumerRecord<String, V> awaitRecord(KafkaBroker broker, String topic,
            Deserializer<V> valueDeserializer, Predicate<ConsumerRecord<String, V>> wanted) {
        List<ConsumerRecord<String, V>> found = new ArrayList<>();
        try (var consumer = readCommitted(broker, new StringDeserializer(), valueDeserializer, topic)) {
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (wanted.test(record)) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
        }
        return found.get(0);
    }

    private static <K, V> KafkaConsumer<K, V> readCommitted(KafkaBroker broker, Deserializer<K> keys,
            Deserializer<V> values, String topic) {
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "status-view-it-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), keys, values);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static Map<String, Object> producerConfig(KafkaBroker broker) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    }

    /** The partition librdkafka's default partitioner (consistent_random: CRC32 of the key) picks of three. */
    private static int crc32Partition(String applicationId) {
        CRC32 crc = new CRC32();
        crc.update(applicationId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % 3);
    }

    private static String applicationIdPartitionedDifferentlyByCrc32() {
        while (true) {
            String applicationId = uniqueApplicationId();
            byte[] key = applicationId.getBytes(StandardCharsets.UTF_8);
            if (crc32Partition(applicationId) != Utils.toPositive(Utils.murmur2(key)) % 3) {
                return applicationId;
            }
        }
    }

    private static String uniqueApplicationId() {
        return "app-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
