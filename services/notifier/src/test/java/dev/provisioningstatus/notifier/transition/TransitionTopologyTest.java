package dev.provisioningstatus.notifier.transition;

import static dev.provisioningstatus.events.ProvisioningStatus.COMPLETED;
import static dev.provisioningstatus.events.ProvisioningStatus.DEPROVISIONING;
import static dev.provisioningstatus.events.ProvisioningStatus.FAILED;
import static dev.provisioningstatus.events.ProvisioningStatus.IN_PROGRESS;
import static dev.provisioningstatus.events.ProvisioningStatus.PARTIAL;
import static dev.provisioningstatus.events.ProvisioningStatus.PENDING;
import static dev.provisioningstatus.notifier.TestViews.incarnation;
import static dev.provisioningstatus.notifier.TestViews.view;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.events.WebhookTransition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
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

class TransitionTopologyTest {

    private static final String APP = "orders-api";
    private static final String TRANSITIONS = "notifier.transitions";

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, ApplicationProvisioningView> status;
    private TestInputTopic<String, byte[]> rawStatus;
    private TestOutputTopic<String, ApplicationTransition> transitions;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void startDriver() {
        driver = driver(stateDir);
        status = driver.createInputTopic(Topics.PROVISIONING_STATUS.name(), new StringSerializer(),
                Topics.PROVISIONING_STATUS.valueSerde().serializer());
        rawStatus = driver.createInputTopic(Topics.PROVISIONING_STATUS.name(), new StringSerializer(),
                new ByteArraySerializer());
        transitions = driver.createOutputTopic(TRANSITIONS, new StringDeserializer(),
                new JsonSerde<>(ApplicationTransition.class).deserializer());
        deadLetters = driver.createOutputTopic(Topics.NOTIFICATIONS_DLQ.name(), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private TopologyTestDriver driver(Path stateDirectory) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "notifier-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return new TopologyTestDriver(
                new TransitionTopology(TRANSITIONS, Topics.NOTIFICATIONS_DLQ.name(), meters).build(), config);
    }

    private void pipe(ApplicationProvisioningView... views) {
        for (ApplicationProvisioningView view : views) {
            status.pipeInput(view.applicationId(), view);
        }
    }

    private List<WebhookTransition> kinds() {
        return transitions.readValuesToList().stream().map(ApplicationTransition::transition).toList();
    }

    @Test
    void anApplicationThatBecomesFailedMakesAFailedTransition() {
        pipe(view(APP, PENDING, 1), view(APP, IN_PROGRESS, 2), view(APP, FAILED, 3));

        assertThat(kinds()).containsExactly(WebhookTransition.FAILED);
    }

    @Test
    void anApplicationThatBecomesPartialMakesAPartialTransition() {
        pipe(view(APP, PENDING, 1), view(APP, IN_PROGRESS, 2), view(APP, PARTIAL, 3));

        assertThat(kinds()).containsExactly(WebhookTransition.PARTIAL);
    }

    @Test
    void completingAfterAFailureIsARecovery() {
        pipe(view(APP, IN_PROGRESS, 2), view(APP, FAILED, 3), view(APP, IN_PROGRESS, 4), view(APP, COMPLETED, 5));

        assertThat(kinds()).containsExactly(WebhookTransition.FAILED, WebhookTransition.RECOVERED);
    }

    @Test
    void completingAfterPartialIsARecovery() {
        pipe(view(APP, PARTIAL, 3), view(APP, IN_PROGRESS, 4), view(APP, COMPLETED, 5));

        assertThat(kinds()).containsExactly(WebhookTransition.PARTIAL, WebhookTransition.RECOVERED);
    }

    @Test
    void completingWithoutAnEarlierFailureIsNoTransition() {
        pipe(view(APP, PENDING, 1), view(APP, IN_PROGRESS, 2), view(APP, COMPLETED, 3));

        assertThat(kinds()).isEmpty();
    }

    @Test
    void aRetryThatFailsAgainIsANewFailedTransitionWithItsOwnId() {
        pipe(view(APP, FAILED, 3), view(APP, IN_PROGRESS, 4), view(APP, FAILED, 5));

        List<ApplicationTransition> derived = transitions.readValuesToList();
        assertThat(derived).extracting(ApplicationTransition::transition)
                .containsExactly(WebhookTransition.FAILED, WebhookTransition.FAILED);
        assertThat(derived.get(0).id()).isNotEqualTo(derived.get(1).id());
    }

    @Test
    void aViewThatOnlyRefinesAFailureIsNoNewTransition() {
        pipe(view(APP, FAILED, 3), view(APP, FAILED, 4));

        assertThat(kinds()).containsExactly(WebhookTransition.FAILED);
    }

    @Test
    void aFailedRetryAfterPartialIsAFailedTransition() {
        pipe(view(APP, PARTIAL, 3), view(APP, IN_PROGRESS, 4), view(APP, FAILED, 5));

        assertThat(kinds()).containsExactly(WebhookTransition.PARTIAL, WebhookTransition.FAILED);
    }

    @Test
    void aViewNotNewerThanTheLastChangesNothing() {
        pipe(view(APP, FAILED, 3), view(APP, COMPLETED, 3), view(APP, COMPLETED, 2));

        assertThat(kinds()).containsExactly(WebhookTransition.FAILED);
    }

    @Test
    void aNewIncarnationThatCompletesIsNoRecovery() {
        pipe(view(APP, FAILED, 3), view(APP, DEPROVISIONING, 4),
                view(APP, COMPLETED, 7, incarnation(APP, 2)));

        assertThat(kinds()).containsExactly(WebhookTransition.FAILED);
    }

    @Test
    void aDeletedApplicationIsForgotten() {
        pipe(view(APP, FAILED, 3));
        status.pipeInput(APP, null);
        pipe(view(APP, COMPLETED, 5));

        assertThat(kinds()).containsExactly(WebhookTransition.FAILED);
    }

    @Test
    void readingTheSameViewsAgainFromScratchGivesTheSameTransitionIds(@TempDir Path otherStateDir) {
        List<ApplicationProvisioningView> views = List.of(view(APP, FAILED, 3), view(APP, IN_PROGRESS, 4),
                view(APP, COMPLETED, 5));
        views.forEach(view -> status.pipeInput(APP, view));
        List<String> firstRead = transitions.readValuesToList().stream().map(ApplicationTransition::id).toList();

        try (TopologyTestDriver rereading = driver(otherStateDir)) {
            var input = rereading.createInputTopic(Topics.PROVISIONING_STATUS.name(), new StringSerializer(),
                    Topics.PROVISIONING_STATUS.valueSerde().serializer());
            var output = rereading.createOutputTopic(TRANSITIONS, new StringDeserializer(),
                    new JsonSerde<>(ApplicationTransition.class).deserializer());
            views.forEach(view -> input.pipeInput(APP, view));

            assertThat(output.readValuesToList()).extracting(ApplicationTransition::id)
                    .hasSize(2).containsExactlyElementsOf(firstRead);
        }
    }

    @Test
    void transitionsAreKeyedByApplicationAndCarryTheWholeView() {
        ApplicationProvisioningView failed = view(APP, FAILED, 3);
        pipe(failed);

        TestRecord<String, ApplicationTransition> record = transitions.readRecord();
        assertThat(record.key()).isEqualTo(APP);
        assertThat(record.value().view()).isEqualTo(failed);
    }

    @Test
    void anUnreadableViewGoesToTheDeadLetterTopicWithTheReason() {
        rawStatus.pipeInput(APP, "{\"applicationId\":".getBytes(StandardCharsets.UTF_8));

        TestRecord<String, byte[]> letter = deadLetters.readRecord();
        assertThat(new String(letter.headers().lastHeader(TransitionTopology.DEAD_LETTER_REASON).value(),
                StandardCharsets.UTF_8)).startsWith("not JSON");
        assertThat(meters.counter("notifier.views.dead-lettered").count()).isEqualTo(1);
    }

    @Test
    void aViewUnderAnotherApplicationsKeyGoesToTheDeadLetterTopic() {
        status.pipeInput("billing", view(APP, FAILED, 3));

        assertThat(kinds()).isEmpty();
        assertThat(new String(deadLetters.readRecord().headers().lastHeader(TransitionTopology.DEAD_LETTER_REASON)
                .value(), StandardCharsets.UTF_8)).contains("not the view's application id");
    }
}
