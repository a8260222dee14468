package dev.provisioningstatus.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AsyncAPI document ({@code /asyncapi.yaml}) describes the topics as the code has them: a channel
 * per topic in {@link Topics}, kept as the topic is configured, a message per event type carried on it,
 * whose payload schema the golden JSON satisfies and whose headers schema the written headers satisfy.
 */
class AsyncApiDocumentTest {

    static Stream<Topic<?>> topics() {
        return Topics.ALL.stream();
    }

    /** Every golden sample with each topic whose serde reads it: that topic carries the sample's type. */
    static Stream<Arguments> samplesOnTheirTopics() {
        List<Arguments> arguments = new ArrayList<>();
        SampleEvents.BY_GOLDEN_NAME.forEach((goldenName, event) -> {
            for (Topic<?> topic : AsyncApiDocument.topicsCarrying(goldenBytes(goldenName))) {
                arguments.add(Arguments.of(topic.name(), goldenName, event));
            }
        });
        return arguments.stream();
    }

    static Stream<String> goldenFiles() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(AsyncApiDocumentTest.class.getResource("/golden").toURI()))) {
            return files.map(file -> file.getFileName().toString().replaceFirst("\\.json$", "")).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void everyTopicHasAChannelAtItsName(Topic<?> topic) {
        assertThat(AsyncApiDocument.channelAt(topic.name())).as("channel with address %s", topic.name()).isPresent();
    }

    @Test
    void everyChannelIsAPublicTopic() {
        assertThat(AsyncApiDocument.channelAddresses())
                .containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(Topic::name).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void channelStatesHowTheTopicIsKept(Topic<?> topic) {
        var configuration = AsyncApiDocument.channelAt(topic.name()).orElseThrow()
                .path("bindings").path("kafka").path("topicConfiguration");

        assertThat(configuration.path(TopicConfig.CLEANUP_POLICY_CONFIG).get(0).asString())
                .isEqualTo(topic.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG));
        String retention = topic.configs().get(TopicConfig.RETENTION_MS_CONFIG);
        if (retention == null) {
            assertThat(configuration.has(TopicConfig.RETENTION_MS_CONFIG)).isFalse();
        } else {
            assertThat(configuration.path(TopicConfig.RETENTION_MS_CONFIG).asLong()).isEqualTo(Long.parseLong(retention));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void compactedTopicDocumentsItsTombstone(Topic<?> topic) {
        boolean compacted = TopicConfig.CLEANUP_POLICY_COMPACT.equals(topic.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG));

        assertThat(AsyncApiDocument.messagesOf(topic.name()).stream()
                .anyMatch(message -> message.path("payload").path("type").asString("").equals("null")))
                .isEqualTo(compacted);
    }

    @Test
    void everyProvisioningEventTypeHasAGoldenSample() {
        assertThat(SampleEvents.BY_GOLDEN_NAME.values().stream().map(Object::getClass).distinct().toList())
                .containsAll(Arrays.asList(ProvisioningEvent.class.getPermittedSubclasses()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void everyGoldenSampleIsCarriedOnSomeTopic(String goldenName) {
        assertThat(AsyncApiDocument.topicsCarrying(goldenBytes(goldenName))).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samplesOnTheirTopics")
    void channelHasAMessageOfEveryTypeItsTopicCarries(String topicName, String goldenName, ContractEvent event) {
        assertThat(AsyncApiDocument.messageOfType(topicName, event.eventType()))
                .as("message with ce_type %s on %s", event.eventType(), topicName).isPresent();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samplesOnTheirTopics")
    void messagePayloadIsTheSchemaFileTheServicesValidateWith(String topicName, String goldenName,
            ContractEvent event) {
        var message = AsyncApiDocument.messageOfType(topicName, event.eventType()).orElseThrow();

        assertThat(message.path("payload").path("schema").path("$ref").asString())
                .isEqualTo("." + EventSchemas.resourcePath(event.getClass().getSimpleName()));
        assertThat(message.path("payload").path("schemaFormat").asString())
                .isEqualTo(AsyncApiDocument.JSON_SCHEMA_2020_12);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samplesOnTheirTopics")
    void goldenJsonSatisfiesItsMessagePayloadSchema(String topicName, String goldenName, ContractEvent event) {
        var message = AsyncApiDocument.messageOfType(topicName, event.eventType()).orElseThrow();

        assertThat(AsyncApiDocument.payloadViolations(message, EventJson.MAPPER.readTree(goldenBytes(goldenName))))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samplesOnTheirTopics")
    void headersTheTopicsSerdeWritesSatisfyTheMessageHeadersSchema(String topicName, String goldenName,
            ContractEvent event) {
        Topic<?> topic = Topics.ALL.stream().filter(t -> t.name().equals(topicName)).findFirst().orElseThrow();
        RecordHeaders headers = new RecordHeaders();
        serialize(topic, headers, event);
        var written = EventJson.MAPPER.createObjectNode();
        for (Header header : headers) {
            written.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        var message = AsyncApiDocument.messageOfType(topicName, event.eventType()).orElseThrow();

        assertThat(AsyncApiDocument.headerViolations(message, written)).isEmpty();
    }

    @Test
    void headersOfAnotherTypeViolateTheMessageHeadersSchema() {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, SampleEvents.STARTED, "/provisioning-worker");
        var written = EventJson.MAPPER.createObjectNode();
        for (Header header : headers) {
            written.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        var viewMessage = AsyncApiDocument.messageOfType(Topics.PROVISIONING_STATUS.name(),
                SampleEvents.VIEW.eventType()).orElseThrow();

        assertThat(AsyncApiDocument.headerViolations(viewMessage, written)).isNotEmpty();
    }

    @Test
    void cloudEventsHeadersAreTheOnesTheSerdesWrite() {
        var properties = AsyncApiDocument.componentSchema("CloudEventHeaders").path("properties");

        assertThat(properties.propertyNames()).containsExactlyInAnyOrder(CloudEventHeaders.ID, CloudEventHeaders.TYPE,
                CloudEventHeaders.SOURCE, CloudEventHeaders.TIME, CloudEventHeaders.SPEC_VERSION,
                CloudEventHeaders.SUBJECT, CloudEventHeaders.CONTENT_TYPE);
    }

    @Test
    void aCommandDeadLetterWithTheWorkersReasonHeaderSatisfiesItsMessage() {
        var message = AsyncApiDocument.messagesOf(Topics.PROVISIONING_COMMANDS_DLQ.name()).get(0);
        var headers = EventJson.MAPPER.createObjectNode().put(DeadLetterHeaderNames.COMMAND_REASON, "not JSON");

        assertThat(AsyncApiDocument.headerViolations(message, headers)).isEmpty();
    }

    @Test
    void aCommandDeadLetterWithoutAReasonViolatesItsMessage() {
        var message = AsyncApiDocument.messagesOf(Topics.PROVISIONING_COMMANDS_DLQ.name()).get(0);

        assertThat(AsyncApiDocument.headerViolations(message, EventJson.MAPPER.createObjectNode())).isNotEmpty();
    }

    @Test
    void eventDeadLettersListTheErrorHeadersTheStatusViewWrites() {
        var headers = AsyncApiDocument.inlinedHeaders(
                AsyncApiDocument.messagesOf(Topics.PROVISIONING_EVENTS_DLQ.name()).get(0));

        assertThat(headers.path("properties").propertyNames()).containsExactlyInAnyOrder(
                DeadLetterHeaderNames.STREAMS_EXCEPTION, DeadLetterHeaderNames.STREAMS_MESSAGE,
                DeadLetterHeaderNames.STREAMS_TOPIC, DeadLetterHeaderNames.STREAMS_PARTITION,
                DeadLetterHeaderNames.STREAMS_OFFSET);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("viewTopics")
    void viewTopicTellsConsumersToReadCommittedOnly(String topicName) {
        var channel = AsyncApiDocument.channelAt(topicName).orElseThrow();

        assertThat(channel.path("x-consumer-configuration").path("isolation.level").asString())
                .isEqualTo("read_committed");
        assertThat(channel.path("description").asString()).contains("read_committed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("viewTopics")
    void viewTopicStatesTheVersionRule(String topicName) {
        var channel = AsyncApiDocument.channelAt(topicName).orElseThrow();

        assertThat(channel.path("x-version-rule").asString()).contains("version").contains("not higher");
    }

    static Stream<String> viewTopics() {
        return Stream.of(Topics.PROVISIONING_STATUS.name(), Topics.PROVISIONING_ISSUES.name());
    }

    @SuppressWarnings("unchecked")
    private static void serialize(Topic<?> topic, RecordHeaders headers, ContractEvent event) {
        ((Topic<ContractEvent>) topic).valueSerde().serializer().serialize(topic.name(), headers, event);
    }

    static byte[] goldenBytes(String goldenName) {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/golden/" + goldenName + ".json")) {
            assertThat(in).as("golden file %s.json", goldenName).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
