package dev.provisioningstatus.statusview.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The Streams settings the README documents, as the configuration the service's Kafka Streams is built
 * with: the commit interval, the input fetch wait, output compression, standby replicas, and the exactly-once
 * guarantee that no property turns off.
 */
class StreamsConfigurationPropertiesTest {

    private final ApplicationContextRunner statusView = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
            .withUserConfiguration(KafkaStreamsEnabled.class, StatusViewStreamsConfiguration.class)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            // Only the configuration is inspected: nothing connects to a broker.
            .withPropertyValues("spring.kafka.streams.application-id=streams-configuration-test",
                    "spring.kafka.streams.auto-startup=false");

    @Test
    void commitIntervalIsTwentyMillisecondsByDefault() {
        statusView.run(context -> assertThat(streamsConfig(context).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
                .isEqualTo(20));
    }

    @Test
    void commitIntervalIsSetWithTheStatusViewProperty() {
        statusView.withPropertyValues("provisioning.status-view.commit-interval=250ms")
                .run(context -> assertThat(streamsConfig(context).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
                        .isEqualTo(250));
    }

    @Test
    void inputFetchesWaitFiveMillisecondsForAFullFetchByDefault() {
        statusView.run(context -> assertThat(mainConsumer(context)).containsEntry(
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5)
                .containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1024 * 1024));
    }

    @Test
    void inputFetchWaitIsSetWithTheStatusViewProperty() {
        statusView.withPropertyValues("provisioning.status-view.input-fetch-wait=20ms")
                .run(context -> assertThat(mainConsumer(context)).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20));
    }

    @Test
    void inputFetchWaitIsSetWithAnEnvironmentVariable() {
        withEnvironmentVariable("PROVISIONING_STATUSVIEW_INPUTFETCHWAIT", "20ms")
                .run(context -> assertThat(mainConsumer(context)).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20));
    }

    @Test
    void inputFetchWaitHoldsWhateverTheStreamsPropertiesSay() {
        statusView.withPropertyValues("spring.kafka.streams.properties.main.consumer.fetch.max.wait.ms=200")
                .run(context -> assertThat(mainConsumer(context)).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5));
    }

    @Test
    void anInputFetchWaitThatKafkaCannotTakeStopsTheStart() {
        statusView.withPropertyValues("provisioning.status-view.input-fetch-wait=500us")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasRootCauseMessage("provisioning.status-view.input-fetch-wait must be 0ms, or whole "
                                + "milliseconds up to 1000ms: PT0.0005S"));
    }

    @Test
    void noInputFetchWaitLeavesKafkasFetchDefaults() {
        statusView.withPropertyValues("provisioning.status-view.input-fetch-wait=0ms")
                .run(context -> assertThat(mainConsumer(context))
                        .doesNotContainKeys(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, ConsumerConfig.FETCH_MIN_BYTES_CONFIG));
    }

    @Test
    void restoringTheFoldStateDoesNotWaitForFullFetches() {
        statusView.run(context -> assertThat(streamsConfig(context).getRestoreConsumerConfigs("restore"))
                .doesNotContainKeys(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, ConsumerConfig.FETCH_MIN_BYTES_CONFIG));
    }

    @Test
    void everythingTheStatusViewWritesIsLz4CompressedByDefault() {
        statusView.run(context -> assertThat(producer(context)).containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4"));
    }

    @Test
    void outputCompressionIsSetWithASpringKafkaStreamsProperty() {
        statusView.withPropertyValues("spring.kafka.streams.properties.compression.type=none")
                .run(context -> assertThat(producer(context)).containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "none"));
    }

    @Test
    void outputCompressionIsSetWithAnEnvironmentVariable() {
        withEnvironmentVariable("SPRING_KAFKA_STREAMS_PROPERTIES_COMPRESSION_TYPE", "none")
                .run(context -> assertThat(producer(context)).containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "none"));
    }

    @Test
    void outputCompressionIsSetWithAProducerPrefixedProperty() {
        statusView.withPropertyValues("spring.kafka.streams.properties.producer.compression.type=zstd")
                .run(context -> assertThat(producer(context)).containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "zstd"));
    }

    @Test
    void noStandbyReplicaByDefault() {
        statusView.run(context -> assertThat(standbyReplicas(context)).isZero());
    }

    @Test
    void standbyReplicasAreSetWithASpringKafkaStreamsProperty() {
        statusView.withPropertyValues("spring.kafka.streams.properties.num.standby.replicas=1")
                .run(context -> assertThat(standbyReplicas(context)).isEqualTo(1));
    }

    @Test
    void standbyReplicasAreSetWithAnEnvironmentVariable() {
        withEnvironmentVariable("SPRING_KAFKA_STREAMS_PROPERTIES_NUM_STANDBY_REPLICAS", "1")
                .run(context -> assertThat(standbyReplicas(context)).isEqualTo(1));
    }

    @Test
    void exactlyOnceHoldsWhateverTheStreamsPropertiesSay() {
        statusView.withPropertyValues("spring.kafka.streams.properties.processing.guarantee=at_least_once",
                        "spring.kafka.streams.properties.commit.interval.ms=30000")
                .run(context -> {
                    StreamsConfig config = streamsConfig(context);
                    assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                            .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
                    assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(20);
                });
    }

    /** The status view started with one environment variable set, as a container would set it. */
    private ApplicationContextRunner withEnvironmentVariable(String name, String value) {
        return statusView.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of(name, value))));
    }

    private static Map<String, Object> mainConsumer(AssertableApplicationContext context) {
        return streamsConfig(context).getMainConsumerConfigs("group", "client", 0);
    }

    private static Map<String, Object> producer(AssertableApplicationContext context) {
        return streamsConfig(context).getProducerConfigs("client");
    }

    private static int standbyReplicas(AssertableApplicationContext context) {
        return streamsConfig(context).getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG);
    }

    /** What the service's {@code KafkaStreams} is created with, Kafka's defaults filled in. */
    private static StreamsConfig streamsConfig(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed();
        return new StreamsConfig(context.getBean(StreamsBuilderFactoryBean.class).getStreamsConfiguration());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableKafkaStreams
    @EnableConfigurationProperties(StatusViewProperties.class)
    static class KafkaStreamsEnabled {
    }
}
