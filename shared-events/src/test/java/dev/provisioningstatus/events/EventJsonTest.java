package dev.provisioningstatus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** How the contract's JSON reads the values every event carries: times and enum ids. */
class EventJsonTest {

    @Test
    void aTimeReadsToTheNanosecond() {
        assertThat(time("\"2026-12-06T17:01:49.502110155Z\"")).isEqualTo(Instant.parse("2026-12-06T17:01:49.502110155Z"));
    }

    @Test
    void aTimeWithAnOffsetReadsAsTheSameInstant() {
        assertThat(time("\"2026-12-06T18:31:49.5+01:30\"")).isEqualTo(Instant.parse("2026-12-06T17:01:49.500Z"));
    }

    @Test
    void aTimeAsANumberStillReadsAsEpochSeconds() {
        assertThat(time("1796490109.5")).isEqualTo(Instant.ofEpochSecond(1_796_490_109L, 500_000_000));
    }

    @Test
    void aTextThatIsNoTimeIsRejected() {
        assertThatThrownBy(() -> time("\"yesterday\"")).isInstanceOf(JacksonException.class)
                .hasMessageContaining("yesterday");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-06T17:01:49Z", "2026-12-06t17:01:49z", "2026-12-06 17:01:49Z",
            "2026-12-06T17:01:49,5Z", "2026-12-06T17:01:49.5-00:00", "2026-12-06T17:01:49+0100", "2026-12-06T17:01Z",
            "2026-12-06T23:59:60Z", "2026-12-06T24:00:00Z", "2026-12-06T17:01:49.1234567891Z", "+12026-12-06T17:01:49Z",
            "2026-12-06T17:01:49", "2026-12-06", "2026-12-06T17:01:49Z junk", ""})
    void aTimeReadsAsJacksonAloneReadsIt(String text) {
        JsonMapper jacksonAlone = JsonMapper.builder().build();
        assertThat(outcome(EventJson.MAPPER, text)).isEqualTo(outcome(jacksonAlone, text));
    }

    @Test
    void everyTimeWrittenReadsBackEqual() {
        for (Instant written : List.of(Instant.EPOCH, Instant.parse("2026-12-06T17:01:49Z"),
                Instant.parse("2026-12-06T17:01:49.100Z"), Instant.parse("1999-12-31T23:59:59.999999999Z"))) {
            assertThat(time(EventJson.MAPPER.writeValueAsString(written))).isEqualTo(written);
        }
    }

    @Test
    void anEnumReadsFromItsId() {
        assertThat(EventJson.MAPPER.readValue("\"in_progress\"", ProvisioningStatus.class))
                .isEqualTo(ProvisioningStatus.IN_PROGRESS);
        assertThat(EventJson.MAPPER.readValue("\"deprovisioned\"", EnvironmentStatus.class))
                .isEqualTo(EnvironmentStatus.DEPROVISIONED);
        assertThat(EventJson.MAPPER.readValue("\"stage\"", Environment.class)).isEqualTo(Environment.STAGE);
        assertThat(EventJson.MAPPER.readValue("\"bulk-retry\"", Trigger.class)).isEqualTo(Trigger.BULK_RETRY);
        assertThat(EventJson.MAPPER.readValue("\"recovered\"", WebhookTransition.class))
                .isEqualTo(WebhookTransition.RECOVERED);
    }

    @Test
    void anEnumIsNotReadFromItsOrdinal() {
        assertThatThrownBy(() -> EventJson.MAPPER.readValue("1", Environment.class)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> EventJson.MAPPER.readValue("\"1\"", Environment.class))
                .isInstanceOf(JacksonException.class);
    }

    @Test
    void anEnumIsNotReadFromItsJavaName() {
        assertThatThrownBy(() -> EventJson.MAPPER.readValue("\"IN_PROGRESS\"", ProvisioningStatus.class))
                .isInstanceOf(JacksonException.class).hasMessageContaining("IN_PROGRESS");
    }

    /** The instant read, or that the text was refused. */
    private static String outcome(JsonMapper mapper, String text) {
        try {
            return String.valueOf(mapper.readValue(mapper.writeValueAsString(text), Instant.class));
        } catch (JacksonException refused) {
            return "refused";
        }
    }

    private static Instant time(String json) {
        return EventJson.MAPPER.readValue(json, Instant.class);
    }
}
