package dev.provisioningstatus.statusview.scaleout;

import static dev.provisioningstatus.events.Environment.DEV;
import static dev.provisioningstatus.events.Environment.PROD;
import static dev.provisioningstatus.events.Environment.STAGE;
import static dev.provisioningstatus.events.FailureReason.ConnectionRefused;
import static dev.provisioningstatus.statusview.ProvisioningFixtures.ALL_ENVIRONMENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.EnvironmentCondition;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.statusview.ProvisioningFixtures;
import dev.provisioningstatus.statusview.StatusViewApplication;
import dev.provisioningstatus.statusview.stream.ProvisioningStatusTopology;
import dev.provisioningstatus.testsupport.KafkaBrokers;
import dev.provisioningstatus.testsupport.RealKafka;
import dev.provisioningstatus.testsupport.TestTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Two status-view instances of one Streams application (same application id, a state directory each), as
 * {@code docker compose up --scale status-view=2} runs them: they split the input partitions between them
 * and the view they publish together stays exactly-once, every version exactly once and in order.
 */
@RealKafka
class TwoStatusViewInstancesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final List<String> INPUT_TOPICS = List.of(Topics.APPLICATIONS.name(),
            Topics.PROVISIONING_EVENTS.name());

    @TempDir
    static Path stateDirectories;

    private static ConfigurableApplicationContext firstInstance;
    private static ConfigurableApplicationContext secondInstance;
    private static String bootstrapServers;

    @BeforeAll
    static void startTwoInstancesOfOneApplication() {
        bootstrapServers = KafkaBrokers.shared().bootstrapServers();
        TestTopics.create(bootstrapServers, Topics.ALL);
        String applicationId = "status-view-scaleout-" + UUID.randomUUID();
        firstInstance = startStatusView(applicationId, stateDirectories.resolve("first"));
        secondInstance = startStatusView(applicationId, stateDirectories.resolve("second"));
    }

    @AfterAll
    static void stopInstances() {
        for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] {firstInstance,
                secondInstance}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    void theInstancesShareTheInputPartitions() {
        Set<TopicPartition> allInputPartitions = inputPartitions();

        await().atMost(PATIENCE).ignoreExceptions().until(() -> {
            Set<TopicPartition> ofFirst = activeInputPartitions(streamsOf(firstInstance));
            Set<TopicPartition> ofSecond = activeInputPartitions(streamsOf(secondInstance));
            return !ofFirst.isEmpty() && !ofSecond.isEmpty() && union(ofFirst, ofSecond).equals(allInputPartitions);
        });

        Set<TopicPartition> ofFirst = activeInputPartitions(streamsOf(firstInstance));
        Set<TopicPartition> ofSecond = activeInputPartitions(streamsOf(secondInstance));
        assertThat(ofFirst).isNotEmpty().doesNotContainAnyElementsOf(ofSecond);
        assertThat(ofSecond).isNotEmpty();
        assertThat(union(ofFirst, ofSecond)).isEqualTo(allInputPartitions);
    }

    @Test
    void theViewsPublishedTogetherAreCompleteWithEveryVersionExactlyOnce() throws Exception {
        awaitBothInstancesHaveTasks();
        List<ProvisioningFixtures> applications = applicationsOnEveryPartition("scaleout-fold");

        for (ProvisioningFixtures app : applications) {
            registerWithAllEnvironments(app);
        }
        List<List<ProvisioningEvent>> histories = applications.stream()
                .map(TwoStatusViewInstancesTest::failedThenRetried).toList();
        // Step by step across all applications, so every partition, whichever instance owns it, has work at once.
        try (var events = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                Topics.PROVISIONING_EVENTS.valueSerde().serializer())) {
            for (int step = 0; step < histories.get(0).size(); step++) {
                for (int app = 0; app < applications.size(); app++) {
                    events.send(new ProducerRecord<>(Topics.PROVISIONING_EVENTS.name(),
                            applications.get(app).applicationId(), histories.get(app).get(step)));
                }
            }
            events.flush();
        }

        Map<String, List<ApplicationProvisioningView>> published = readCommittedViews(applications,
                views -> !views.isEmpty() && views.get(views.size() - 1).status() == ProvisioningStatus.COMPLETED);

        for (ProvisioningFixtures app : applications) {
            List<ApplicationProvisioningView> views = published.get(app.applicationId());
            assertThat(views).extracting(ApplicationProvisioningView::version)
                    .as("versions of %s", app.applicationId())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, views.size()).boxed().toList());
            ApplicationProvisioningView last = views.get(views.size() - 1);
            assertThat(last.attempt()).isEqualTo(2);
            assertThat(last.error()).isNull();
            assertThat(last.environments()).extracting(EnvironmentCondition::status)
                    .containsExactly(EnvironmentStatus.SUCCEEDED, EnvironmentStatus.SUCCEEDED,
                            EnvironmentStatus.SUCCEEDED);
        }
    }

    @Test
    void eachInstanceKeepsTheFoldStateOfTheApplicationsOnItsOwnPartitions() throws Exception {
        awaitBothInstancesHaveTasks();
        List<ProvisioningFixtures> applications = applicationsOnEveryPartition("scaleout-state");
        for (ProvisioningFixtures app : applications) {
            registerWithAllEnvironments(app);
        }
        readCommittedViews(applications, views -> !views.isEmpty());

        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            ReadOnlyKeyValueStore<String, Object> ofFirst = foldStateOf(firstInstance);
            ReadOnlyKeyValueStore<String, Object> ofSecond = foldStateOf(secondInstance);
            List<String> heldByFirst = new ArrayList<>();
            List<String> heldBySecond = new ArrayList<>();
            for (ProvisioningFixtures app : applications) {
                boolean first = ofFirst.get(app.applicationId()) != null;
                boolean second = ofSecond.get(app.applicationId()) != null;
                assertThat(first ^ second).as("%s is held by exactly one instance", app.applicationId()).isTrue();
                (first ? heldByFirst : heldBySecond).add(app.applicationId());
            }
            assertThat(heldByFirst).isNotEmpty();
            assertThat(heldBySecond).isNotEmpty();
        });
    }

    private static ConfigurableApplicationContext startStatusView(String applicationId, Path stateDirectory) {
        return StatusViewApplication.application().run(
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.kafka.streams.application-id=" + applicationId,
                "--spring.kafka.streams.state-dir=" + stateDirectory,
                "--server.port=0");
    }

    private static KafkaStreams streamsOf(ConfigurableApplicationContext instance) {
        return instance.getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
    }

    private static Set<TopicPartition> activeInputPartitions(KafkaStreams streams) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return Set.of();
        }
        return streams.metadataForLocalThreads().stream()
                .map(ThreadMetadata::activeTasks)
                .flatMap(Set::stream)
                .map(TaskMetadata::topicPartitions)
                .flatMap(Set::stream)
                .filter(partition -> INPUT_TOPICS.contains(partition.topic()))
                .collect(Collectors.toSet());
    }

    private static void awaitBothInstancesHaveTasks() {
        await().atMost(PATIENCE).ignoreExceptions().until(() ->
                !activeInputPartitions(streamsOf(firstInstance)).isEmpty()
                        && !activeInputPartitions(streamsOf(secondInstance)).isEmpty());
    }

    private static ReadOnlyKeyValueStore<String, Object> foldStateOf(ConfigurableApplicationContext instance) {
        return streamsOf(instance).store(StoreQueryParameters.fromNameAndType(
                ProvisioningStatusTopology.STATE_STORE, QueryableStoreTypes.keyValueStore()));
    }

    private static Set<TopicPartition> inputPartitions() {
        Set<TopicPartition> partitions = new HashSet<>();
        for (String topic : INPUT_TOPICS) {
            for (int partition = 0; partition < partitionCount(); partition++) {
                partitions.add(new TopicPartition(topic, partition));
            }
        }
        return partitions;
    }

    private static int partitionCount() {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringDeserializer(),
                new StringDeserializer())) {
            return consumer.partitionsFor(Topics.PROVISIONING_EVENTS.name()).size();
        }
    }

    /** Two new applications on each input partition, placed by the producer's own key hashing. */
    private static List<ProvisioningFixtures> applicationsOnEveryPartition(String prefix) {
        int partitions = partitionCount();
        Map<Integer, List<ProvisioningFixtures>> byPartition = new HashMap<>();
        while (byPartition.size() < partitions || byPartition.values().stream().anyMatch(apps -> apps.size() < 2)) {
            String applicationId = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
            int partition = Utils.toPositive(Utils.murmur2(applicationId.getBytes(StandardCharsets.UTF_8)))
                    % partitions;
            byPartition.computeIfAbsent(partition, ignored -> new ArrayList<>()).add(ProvisioningFixtures.of(applicationId));
        }
        return byPartition.values().stream().flatMap(List::stream).toList();
    }

    /** Stage fails in the first attempt; the retry provisions stage alone and completes the application. */
    private static List<ProvisioningEvent> failedThenRetried(ProvisioningFixtures app) {
        return List.of(
                app.started(1, ALL_ENVIRONMENTS, 2),
                app.succeeded(1, DEV, 3),
                app.failed(1, STAGE, ConnectionRefused, 4),
                app.succeeded(1, PROD, 5),
                app.finished(1, ProvisioningStatus.PARTIAL, 6),
                app.started(2, List.of(STAGE), 7),
                app.succeeded(2, STAGE, 8),
                app.finished(2, ProvisioningStatus.COMPLETED, 9));
    }

    private static void registerWithAllEnvironments(ProvisioningFixtures app) throws Exception {
        try (var registrations = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                Topics.APPLICATIONS.valueSerde().serializer())) {
            registrations.send(new ProducerRecord<>(Topics.APPLICATIONS.name(), app.applicationId(),
                    app.registered(ALL_ENVIRONMENTS))).get();
        }
    }

    /**
     * Every committed view of the given applications on {@code provisioning.status}, read from the beginning
     * with {@code read_committed}, once {@code done} holds for each application's views.
     */
    private static Map<String, List<ApplicationProvisioningView>> readCommittedViews(
            List<ProvisioningFixtures> applications,
            Predicate<List<ApplicationProvisioningView>> done) {
        Map<String, List<ApplicationProvisioningView>> views = applications.stream()
                .collect(Collectors.toMap(ProvisioningFixtures::applicationId, app -> new ArrayList<>()));
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                Topics.PROVISIONING_STATUS.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PROVISIONING_STATUS.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    List<ApplicationProvisioningView> ofApplication = views.get(record.key());
                    if (ofApplication != null) {
                        ofApplication.add(record.value());
                    }
                });
                return views.values().stream().allMatch(done);
            });
        }
        return views;
    }

    private static Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }

    private static <T> Set<T> union(Set<T> left, Set<T> right) {
        Set<T> union = new HashSet<>(left);
        union.addAll(right);
        return union;
    }
}
