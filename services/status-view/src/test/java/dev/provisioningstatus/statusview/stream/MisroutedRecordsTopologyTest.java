package dev.provisioningstatus.statusview.stream;

import static dev.provisioningstatus.events.Environment.STAGE;
import static dev.provisioningstatus.events.FailureReason.ConnectionRefused;
import static dev.provisioningstatus.statusview.ProvisioningFixtures.ALL_ENVIRONMENTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.statusview.ProvisioningFixtures;
import dev.provisioningstatus.statusview.view.ProvisioningViewFolder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records a producer put on another partition than Java's default partitioner picks for their key. The
 * test driver delivers every input record on partition 0, so with three partitions an application whose
 * key belongs to partition 1 or 2 arrives entirely off its partition.
 */
class MisroutedRecordsTopologyTest {

    private static final String APPLICATION_ID = "misrouted-records-test";
    private static final int PARTITIONS = 3;

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, ApplicationRegistered> applications;
    private TestInputTopic<String, ProvisioningEvent> events;
    private TestOutputTopic<String, ApplicationProvisioningView> status;

    @BeforeEach
    void startDriver() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.putAll(StreamsSettings.required(new StatusViewProperties(Duration.ofMillis(100), Duration.ofMillis(5))));
        driver = new TopologyTestDriver(new ProvisioningStatusTopology(new ProvisioningViewFolder(),
                new SimpleMeterRegistry(), PARTITIONS).build(), config);
        applications = driver.createInputTopic(Topics.APPLICATIONS.name(), new StringSerializer(),
                Topics.APPLICATIONS.valueSerde().serializer());
        events = driver.createInputTopic(Topics.PROVISIONING_EVENTS.name(), new StringSerializer(),
                Topics.PROVISIONING_EVENTS.valueSerde().serializer());
        status = driver.createOutputTopic(Topics.PROVISIONING_STATUS.name(), new StringDeserializer(),
                Topics.PROVISIONING_STATUS.valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void applicationOffItsPartitionIsFoldedAfterBeingRerouted() {
        ProvisioningFixtures app = ProvisioningFixtures.of(applicationOnPartition(2));

        applications.pipeInput(app.applicationId(), app.registered(ALL_ENVIRONMENTS));
        events.pipeInput(app.applicationId(), app.started(1, ALL_ENVIRONMENTS, 2));
        events.pipeInput(app.applicationId(), app.failed(1, STAGE, ConnectionRefused, 3));

        assertThat(status.readValuesToList()).extracting(ApplicationProvisioningView::status).containsExactly(
                ProvisioningStatus.PENDING, ProvisioningStatus.IN_PROGRESS, ProvisioningStatus.IN_PROGRESS);
    }

    @Test
    void reroutedRecordGoesThroughTheInternalTopicWithItsKeyAndValueUnchanged() {
        ProvisioningFixtures app = ProvisioningFixtures.of(applicationOnPartition(1));
        ProvisioningEvent started = app.started(1, ALL_ENVIRONMENTS, 2);

        events.pipeInput(app.applicationId(), started);

        TestOutputTopic<String, byte[]> rerouted = driver.createOutputTopic(
                APPLICATION_ID + "-" + ProvisioningStatusTopology.PROVISIONING_EVENTS_REROUTED + "-repartition",
                new StringDeserializer(), new ByteArrayDeserializer());
        assertThat(rerouted.readKeyValuesToList()).singleElement().satisfies(record -> {
            assertThat(record.key).isEqualTo(app.applicationId());
            assertThat(Topics.PROVISIONING_EVENTS.valueSerde().deserializer()
                    .deserialize(Topics.PROVISIONING_EVENTS.name(), record.value)).isEqualTo(started);
        });
    }

    @Test
    void reroutedRecordsAreCountedPerInputTopic() {
        ProvisioningFixtures app = ProvisioningFixtures.of(applicationOnPartition(1));

        applications.pipeInput(app.applicationId(), app.registered(ALL_ENVIRONMENTS));
        events.pipeInput(app.applicationId(), app.started(1, ALL_ENVIRONMENTS, 2));
        events.pipeInput(app.applicationId(), app.failed(1, STAGE, ConnectionRefused, 3));

        assertThat(reroutedTotal(Topics.APPLICATIONS.name())).isEqualTo(1.0);
        assertThat(reroutedTotal(Topics.PROVISIONING_EVENTS.name())).isEqualTo(2.0);
    }

    @Test
    void applicationOnItsPartitionIsFoldedWithoutRerouting() {
        ProvisioningFixtures app = ProvisioningFixtures.of(applicationOnPartition(0));

        applications.pipeInput(app.applicationId(), app.registered(ALL_ENVIRONMENTS));
        events.pipeInput(app.applicationId(), app.started(1, ALL_ENVIRONMENTS, 2));

        assertThat(status.readValuesToList()).hasSize(2);
        assertThat(reroutedTotal(Topics.PROVISIONING_EVENTS.name())).isZero();
    }

    private double reroutedTotal(String topic) {
        return driver.metrics().entrySet().stream()
                .filter(metric -> metric.getKey().name().equals(PartitionCheck.REROUTED_METRIC + "-total")
                        && topic.equals(metric.getKey().tags().get("topic")))
                .mapToDouble(metric -> (Double) metric.getValue().metricValue())
                .sum();
    }

    /** An application id whose records Java's default partitioner puts on {@code partition} of three. */
    private static String applicationOnPartition(int partition) {
        return IntStream.range(0, 1000).mapToObj(i -> "app-" + i)
                .filter(id -> PartitionCheck.partitionFor(id.getBytes(StandardCharsets.UTF_8), PARTITIONS) == partition)
                .findFirst().orElseThrow();
    }
}
