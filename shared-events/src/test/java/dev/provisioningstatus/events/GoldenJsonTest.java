package dev.provisioningstatus.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** The checked-in JSON files are the contract: every event writes exactly them, and reads them back. */
class GoldenJsonTest {

    static Stream<Arguments> goldenEvents() {
        return SampleEvents.BY_GOLDEN_NAME.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenEvents")
    void eventSerializesToItsGoldenJson(String goldenName, ContractEvent event) throws IOException {
        JsonNode written = EventJson.MAPPER.readTree(serde(event).serializer().serialize("t", event));

        assertThat(written).isEqualTo(golden(goldenName));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenEvents")
    void goldenJsonSatisfiesItsSchema(String goldenName, ContractEvent event) throws IOException {
        String typeName = goldenName.replaceFirst("\\..*", "");

        assertThat(EventSchemas.violations(typeName, golden(goldenName))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenEvents")
    void goldenJsonReadsBackEqual(String goldenName, ContractEvent event) throws IOException {
        byte[] bytes = EventJson.MAPPER.writeValueAsBytes(golden(goldenName));

        assertThat(serde(event).deserializer().deserialize("t", bytes)).isEqualTo(event);
    }

    @SuppressWarnings("unchecked")
    private static EventSerde<ContractEvent> serde(ContractEvent event) {
        Class<?> type = event instanceof ProvisioningEvent ? ProvisioningEvent.class : event.getClass();
        return new EventSerde<>((Class<ContractEvent>) type, "/test");
    }

    private static JsonNode golden(String name) throws IOException {
        try (InputStream in = GoldenJsonTest.class.getResourceAsStream("/golden/" + name + ".json")) {
            assertThat(in).as("golden file %s.json", name).isNotNull();
            return EventJson.MAPPER.readTree(in);
        }
    }
}
