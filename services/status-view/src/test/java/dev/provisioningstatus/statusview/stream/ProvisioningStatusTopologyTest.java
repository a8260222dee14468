package dev.provisioningstatus.statusview.stream;

import static dev.provisioningstatus.events.Environment.DEV;
import static dev.provisioningstatus.events.Environment.PROD;
import static dev.provisioningstatus.events.Environment.STAGE;
import static dev.provisioningstatus.events.FailureReason.ConnectionRefused;
import static dev.provisioningstatus.events.FailureReason.ConnectionTimeout;
import static dev.provisioningstatus.statusview.ProvisioningFixtures.ALL_ENVIRONMENTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.CloudEventHeaders;
import dev.provisioningstatus.events.EventJson;
import dev.provisioningstatus.events.EventSchemas;
import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.statusview.ProvisioningFixtures;
import dev.provisioningstatus.statusview.view.ApplicationFoldState;
import dev.provisioningstatus.statusview.view.ProvisioningViewFolder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ProvisioningStatusTopologyTest {

    private static final ProvisioningFixtures app = ProvisioningFixtures.of(ProvisioningFixtures.APP);

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, ApplicationRegistered> applications;
    private TestInputTopic<String, ProvisioningEvent> events;
    private TestInputTopic<String, byte[]> rawEvents;
    private TestInputTopic<String, byte[]> rawApplications;
    private TestOutputTopic<String, ApplicationProvisioningView> status;
    private TestOutputTopic<String, ApplicationProvisioningView> issues;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void startDriver() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "status-view-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.putAll(StreamsSettings.required(new StatusViewProperties(Duration.ofMillis(100), Duration.ofMillis(5))));
        driver = new TopologyTestDriver(new ProvisioningStatusTopology(new ProvisioningViewFolder(), meters, 1).build(),
                config);
        applications = driver.createInputTopic(Topics.APPLICATIONS.name(), new StringSerializer(),
                Topics.APPLICATIONS.valueSerde().serializer());
        events = driver.createInputTopic(Topics.PROVISIONING_EVENTS.name(), new StringSerializer(),
                Topics.PROVISIONING_EVENTS.valueSerde().serializer());
        rawEvents = driver.createInputTopic(Topics.PROVISIONING_EVENTS.name(), new StringSerializer(),
                new ByteArraySerializer());
        rawApplications = driver.createInputTopic(Topics.APPLICATIONS.name(), new StringSerializer(),
                new ByteArraySerializer());
        status = driver.createOutputTopic(Topics.PROVISIONING_STATUS.name(), new StringDeserializer(),
                Topics.PROVISIONING_STATUS.valueSerde().deserializer());
        issues = driver.createOutputTopic(Topics.PROVISIONING_ISSUES.name(), new StringDeserializer(),
                Topics.PROVISIONING_ISSUES.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(Topics.PROVISIONING_EVENTS_DLQ.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void registrationPublishesAPendingView() {
        register();

        ApplicationProvisioningView view = onlyView();
        assertThat(view.applicationId()).isEqualTo(app.applicationId());
        assertThat(view.status()).isEqualTo(ProvisioningStatus.PENDING);
    }

    @Test
    void viewIsKeyedByApplicationIdAndCarriesCloudEventsHeaders() {
        register();

        TestRecord<String, ApplicationProvisioningView> record = status.readRecord();
        assertThat(record.key()).isEqualTo(app.applicationId());
        assertThat(CloudEventHeaders.read(record.headers(), CloudEventHeaders.TYPE))
                .isEqualTo("dev.provisioningstatus.ApplicationProvisioningView");
        assertThat(CloudEventHeaders.read(record.headers(), CloudEventHeaders.ID)).isEqualTo(record.value().eventId());
    }

    @Test
    void publishedViewHoldsOnlyTheContractsFields() {
        register();
        send(app.started(1, ALL_ENVIRONMENTS, 2), app.failed(1, STAGE, ConnectionRefused, 3));

        TestOutputTopic<String, byte[]> raw = driver.createOutputTopic(Topics.PROVISIONING_STATUS.name(),
                new StringDeserializer(), new ByteArrayDeserializer());
        for (byte[] value : raw.readValuesToList()) {
            JsonNode json = EventJson.MAPPER.readTree(value);
            assertThat(EventSchemas.violations("ApplicationProvisioningView", json)).isEmpty();
            assertThat(fieldNames(json)).doesNotContain("recentEventIds", "attemptStarted", "attemptEnvironments",
                    "attemptFinishedStatus", "registration", "conditions");
        }
    }

    @Test
    void startedAttemptPublishesAnInProgressView() {
        register();

        send(app.started(1, ALL_ENVIRONMENTS, 2));

        assertThat(lastView().status()).isEqualTo(ProvisioningStatus.IN_PROGRESS);
    }

    @Test
    void mixedResultsPublishAPartialView() {
        register();

        send(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3), app.failed(1, STAGE, ConnectionRefused, 4),
                app.succeeded(1, PROD, 5));

        ApplicationProvisioningView view = lastView();
        assertThat(view.status()).isEqualTo(ProvisioningStatus.PARTIAL);
        assertThat(view.error()).isEqualTo("stage: Connection refused");
    }

    @Test
    void everyResultFailedPublishesAFailedView() {
        register();

        send(app.started(1, ALL_ENVIRONMENTS, 2), app.failed(1, DEV, ConnectionTimeout, 3),
                app.failed(1, STAGE, ConnectionRefused, 4), app.failed(1, PROD, ConnectionTimeout, 5));

        assertThat(lastView().status()).isEqualTo(ProvisioningStatus.FAILED);
    }

    @Test
    void everyResultSucceededPublishesACompletedView() {
        register();

        send(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3), app.succeeded(1, STAGE, 4),
                app.succeeded(1, PROD, 5), app.finished(1, ProvisioningStatus.COMPLETED, 6));

        List<ApplicationProvisioningView> views = status.readValuesToList();
        assertThat(views).extracting(ApplicationProvisioningView::version).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(views.get(views.size() - 1).status()).isEqualTo(ProvisioningStatus.COMPLETED);
    }

    @Test
    void duplicateEventPublishesNothing() {
        register();
        send(app.started(1, ALL_ENVIRONMENTS, 2), app.failed(1, STAGE, ConnectionRefused, 4));
        status.readValuesToList();

        send(app.failed(1, STAGE, ConnectionRefused, 4));

        assertThat(status.isEmpty()).isTrue();
    }

    @Test
    void eventOfAStaleAttemptPublishesNothing() {
        register();
        send(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3), app.succeeded(1, PROD, 5),
                app.finished(1, ProvisioningStatus.PARTIAL, 6), app.started(2, List.of(STAGE), 10));
        status.readValuesToList();

        send(app.failed(1, STAGE, ConnectionRefused, 4));

        assertThat(status.isEmpty()).isTrue();
    }

    @Test
    void rejectedRequestIsReadAndFoldedWithoutPublishingAndWithoutDeadLettering() {
        register();
        send(app.started(1, ALL_ENVIRONMENTS, 2));
        status.readValuesToList();

        send(app.rejected(1, 3));
        send(app.succeeded(1, DEV, 4));

        assertThat(deadLetters.isEmpty()).isTrue();
        ApplicationProvisioningView view = onlyView();
        assertThat(view.status()).isEqualTo(ProvisioningStatus.IN_PROGRESS);
        assertThat(view.version()).isEqualTo(3);
    }

    @Test
    void eventsBeforeTheRegistrationArePublishedOnceItArrives() {
        send(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3));
        assertThat(status.isEmpty()).isTrue();

        register();

        ApplicationProvisioningView view = onlyView();
        assertThat(view.status()).isEqualTo(ProvisioningStatus.IN_PROGRESS);
        assertThat(view.version()).isEqualTo(1);
    }

    @Test
    void applicationTombstonePublishesADeprovisioningView() {
        register();
        status.readValuesToList();

        applications.pipeInput(app.applicationId(), null);

        assertThat(onlyView().status()).isEqualTo(ProvisioningStatus.DEPROVISIONING);
    }

    @Test
    void theViewIsTombstonedOnceEveryEnvironmentIsDeprovisioned() {
        register();
        applications.pipeInput(app.applicationId(), null);
        status.readValuesToList();

        send(app.cleanDeprovisioning(1, ALL_ENVIRONMENTS, 51).toArray(ProvisioningEvent[]::new));

        List<TestRecord<String, ApplicationProvisioningView>> records = status.readRecordsToList();
        TestRecord<String, ApplicationProvisioningView> last = records.get(records.size() - 1);
        assertThat(last.key()).isEqualTo(app.applicationId());
        assertThat(last.value()).isNull();
    }

    @Test
    void aDeletedApplicationKeepsOnlyAMarkerWithoutRegistrationOrProgress() {
        register();
        send(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3));

        deleteAndClean(app);

        ApplicationFoldState marker = driver.<String, ApplicationFoldState>getKeyValueStore(
                ProvisioningStatusTopology.STATE_STORE).get(app.applicationId());
        assertThat(marker.isDeletedMarker()).isTrue();
        assertThat(marker.conditions()).isEmpty();
        assertThat(marker.registration()).isNull();
    }

    @Test
    void eventsOfADeletedIncarnationPublishNothingAndAreCountedAsStale() {
        register();
        send(app.started(1, ALL_ENVIRONMENTS, 2));
        deleteAndClean(app);
        status.readValuesToList();
        double staleBefore = staleEvents();

        send(app.succeeded(1, DEV, 3), app.finished(1, ProvisioningStatus.PARTIAL, 4));

        assertThat(status.isEmpty()).isTrue();
        assertThat(staleEvents() - staleBefore).isEqualTo(2);
    }

    @Test
    void versionsKeepRisingAcrossDeletionAndANewRegistration() {
        register();
        send(app.started(1, ALL_ENVIRONMENTS, 2));
        deleteAndClean(app);
        ProvisioningFixtures again = app.reRegisteredAt(100);

        applications.pipeInput(app.applicationId(), again.registered(ALL_ENVIRONMENTS));
        send(again.started(1, ALL_ENVIRONMENTS, 101));

        List<ApplicationProvisioningView> views = status.readValuesToList();
        List<Long> versions = views.stream().filter(Objects::nonNull).map(ApplicationProvisioningView::version)
                .toList();
        assertThat(versions).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
        assertThat(versions.get(versions.size() - 1)).isEqualTo(versions.size());
        assertThat(views).containsNull();
        assertThat(views.get(views.size() - 1).incarnation()).isEqualTo(again.incarnation());
        assertThat(views.stream().filter(Objects::nonNull).map(ApplicationProvisioningView::eventId))
                .doesNotHaveDuplicates();
    }

    @Test
    void everyViewThatIsNotCompletedIsAlsoPublishedOnTheIssuesTopic() {
        register();
        send(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3), app.failed(1, STAGE, ConnectionRefused, 4),
                app.succeeded(1, PROD, 5));

        List<TestRecord<String, ApplicationProvisioningView>> published = issues.readRecordsToList();
        assertThat(published).extracting(TestRecord::key).containsOnly(app.applicationId());
        assertThat(published).extracting(TestRecord::value).isEqualTo(status.readValuesToList());
        assertThat(published).extracting(record -> record.value().status()).containsExactly(
                ProvisioningStatus.PENDING, ProvisioningStatus.IN_PROGRESS, ProvisioningStatus.IN_PROGRESS,
                ProvisioningStatus.IN_PROGRESS, ProvisioningStatus.PARTIAL);
    }

    @Test
    void issueViewCarriesTheSameCloudEventsHeadersAsTheStatusView() {
        register();

        TestRecord<String, ApplicationProvisioningView> issue = issues.readRecord();
        TestRecord<String, ApplicationProvisioningView> view = status.readRecord();
        assertThat(header(issue.headers(), CloudEventHeaders.ID)).isEqualTo(header(view.headers(), CloudEventHeaders.ID));
        assertThat(header(issue.headers(), CloudEventHeaders.TYPE))
                .isEqualTo("dev.provisioningstatus.ApplicationProvisioningView");
    }

    @Test
    void completedApplicationLeavesTheIssuesTopicWithATombstone() {
        register();
        send(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3), app.succeeded(1, STAGE, 4));
        issues.readRecordsToList();

        send(app.succeeded(1, PROD, 5));

        TestRecord<String, ApplicationProvisioningView> tombstone = issues.readRecord();
        assertThat(tombstone.key()).isEqualTo(app.applicationId());
        assertThat(tombstone.value()).isNull();
        assertThat(lastView().status()).isEqualTo(ProvisioningStatus.COMPLETED);
    }

    @Test
    void completedApplicationThatChangesAgainWithoutIssuesPublishesNothingOnTheIssuesTopic() {
        register();
        send(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3), app.succeeded(1, STAGE, 4),
                app.succeeded(1, PROD, 5));
        issues.readRecordsToList();

        applications.pipeInput(app.applicationId(), app.registered("Orders API v2", ALL_ENVIRONMENTS, 1));

        assertThat(lastView().name()).isEqualTo("Orders API v2");
        assertThat(issues.isEmpty()).isTrue();
    }

    @Test
    void retryOfACompletedApplicationIsAnIssueAgain() {
        register();
        send(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3), app.succeeded(1, STAGE, 4),
                app.succeeded(1, PROD, 5));
        issues.readRecordsToList();

        send(app.started(2, List.of(STAGE), 10));

        assertThat(issues.readValue().status()).isEqualTo(ProvisioningStatus.IN_PROGRESS);
    }

    @Test
    void deletedApplicationLeavesTheIssuesTopicWithATombstoneOnceEveryEnvironmentIsClean() {
        register();
        send(app.started(1, ALL_ENVIRONMENTS, 2), app.failed(1, STAGE, ConnectionRefused, 4));
        issues.readRecordsToList();

        deleteAndClean(app);

        List<TestRecord<String, ApplicationProvisioningView>> records = issues.readRecordsToList();
        TestRecord<String, ApplicationProvisioningView> last = records.get(records.size() - 1);
        assertThat(last.key()).isEqualTo(app.applicationId());
        assertThat(last.value()).isNull();
    }

    @Test
    void deletedCompletedApplicationIsAnIssueWhileItIsDeprovisioned() {
        register();
        send(app.started(1, ALL_ENVIRONMENTS, 2), app.succeeded(1, DEV, 3), app.succeeded(1, STAGE, 4),
                app.succeeded(1, PROD, 5));
        issues.readRecordsToList();

        applications.pipeInput(app.applicationId(), null);

        assertThat(issues.readValue().status()).isEqualTo(ProvisioningStatus.DEPROVISIONING);
    }

    @Test
    void recordThatIsNotJsonGoesToTheDeadLetterTopicWithItsOriginalBytesAndReason() {
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);

        rawEvents.pipeInput(app.applicationId(), garbage);

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(dead.key()).isEqualTo(app.applicationId().getBytes(StandardCharsets.UTF_8));
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(header(dead.headers(), DeadLetterHeaders.MESSAGE)).startsWith("not JSON");
        assertThat(header(dead.headers(), DeadLetterHeaders.EXCEPTION))
                .isEqualTo("org.apache.kafka.common.errors.SerializationException");
        assertThat(header(dead.headers(), DeadLetterHeaders.TOPIC)).isEqualTo(Topics.PROVISIONING_EVENTS.name());
        assertThat(header(dead.headers(), DeadLetterHeaders.OFFSET)).isEqualTo("0");
    }

    @Test
    void recordViolatingItsSchemaGoesToTheDeadLetterTopicWithTheViolation() {
        byte[] noAttempt = ("{\"type\":\"ProvisioningStarted\",\"eventId\":\"6f1c2a7e-3b5d-4c8e-9a0f-1b2c3d4e5f60\","
                + "\"applicationId\":\"orders-api\",\"workflowId\":\"provisioning-orders-api\","
                + "\"environments\":[\"dev\"],\"trigger\":\"created\",\"occurredAt\":\"2026-11-27T09:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);

        rawEvents.pipeInput(app.applicationId(), noAttempt);

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(dead.value()).isEqualTo(noAttempt);
        assertThat(header(dead.headers(), DeadLetterHeaders.MESSAGE))
                .startsWith("ProvisioningStarted violates its schema").contains("attempt");
    }

    @Test
    void recordOfAnUnknownTypeGoesToTheDeadLetterTopic() {
        byte[] unknown = "{\"type\":\"ProvisioningPaused\",\"applicationId\":\"orders-api\"}"
                .getBytes(StandardCharsets.UTF_8);

        rawEvents.pipeInput(app.applicationId(), unknown);

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(dead.value()).isEqualTo(unknown);
        assertThat(header(dead.headers(), DeadLetterHeaders.MESSAGE))
                .isEqualTo("unknown event type 'ProvisioningPaused'");
    }

    @Test
    void eventKeyedByAnotherApplicationGoesToTheDeadLetterTopic() {
        events.pipeInput("billing-api", app.started(1, ALL_ENVIRONMENTS, 2));

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(header(dead.headers(), DeadLetterHeaders.MESSAGE))
                .isEqualTo("key 'billing-api' is not the record's applicationId 'orders-api'");
        assertThat(status.isEmpty()).isTrue();
    }

    @Test
    void unreadableRegistrationGoesToTheDeadLetterTopic() {
        byte[] noName = "{\"applicationId\":\"orders-api\"}".getBytes(StandardCharsets.UTF_8);

        rawApplications.pipeInput(app.applicationId(), noName);

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(dead.value()).isEqualTo(noName);
        assertThat(header(dead.headers(), DeadLetterHeaders.TOPIC)).isEqualTo(Topics.APPLICATIONS.name());
        assertThat(header(dead.headers(), DeadLetterHeaders.MESSAGE))
                .startsWith("ApplicationRegistered violates its schema");
    }

    @Test
    void deadLetterKeepsTheOriginalHeaders() {
        Headers original = new RecordHeaders().add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));

        rawEvents.pipeInput(new TestRecord<>(app.applicationId(), "nope".getBytes(StandardCharsets.UTF_8), original));

        assertThat(header(deadLetters.readRecord().headers(), "traceparent")).isEqualTo("00-abc-def-01");
    }

    @Test
    void nextGoodRecordAfterAnUnreadableOneIsStillProcessed() {
        register();
        status.readValuesToList();

        rawEvents.pipeInput(app.applicationId(), "{not json".getBytes(StandardCharsets.UTF_8));
        send(app.started(1, ALL_ENVIRONMENTS, 2));

        assertThat(deadLetters.getQueueSize()).isEqualTo(1);
        assertThat(onlyView().status()).isEqualTo(ProvisioningStatus.IN_PROGRESS);
    }

    private double staleEvents() {
        return meters.counter(ProvisioningStatusTopology.STALE_EVENTS_COUNTER, "reason", "incarnation").count();
    }

    private void deleteAndClean(ProvisioningFixtures incarnation) {
        applications.pipeInput(incarnation.applicationId(), null);
        send(incarnation.cleanDeprovisioning(1, ALL_ENVIRONMENTS, 51).toArray(ProvisioningEvent[]::new));
    }

    private void register() {
        applications.pipeInput(app.applicationId(), app.registered(ALL_ENVIRONMENTS));
    }

    private void send(ProvisioningEvent... provisioningEvents) {
        for (ProvisioningEvent event : provisioningEvents) {
            events.pipeInput(event.applicationId(), event);
        }
    }

    private ApplicationProvisioningView onlyView() {
        List<ApplicationProvisioningView> views = status.readValuesToList();
        assertThat(views).hasSize(1);
        return views.get(0);
    }

    private ApplicationProvisioningView lastView() {
        List<ApplicationProvisioningView> views = status.readValuesToList();
        assertThat(views).isNotEmpty();
        return views.get(views.size() - 1);
    }

    private static String header(Headers headers, String name) {
        return CloudEventHeaders.read(headers, name);
    }

    private static Set<String> fieldNames(JsonNode json) {
        Set<String> names = new HashSet<>(json.propertyNames());
        json.get("environments").forEach(environment -> names.addAll(environment.propertyNames()));
        return names;
    }
}
