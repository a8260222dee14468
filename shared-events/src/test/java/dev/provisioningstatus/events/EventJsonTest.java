package dev.provisioningstatus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

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
    }

    @Test
    void anEnumIsNotReadFromItsJavaName() {
        assertThatThrownBy(() -> EventJson.MAPPER.readValue("\"IN_PROGRESS\"", ProvisioningStatus.class))
                .isInstanceOf(JacksonException.class).hasMessageContaining("IN_PROGRESS");
    }

    private static Instant time(String json) {
        return EventJson.MAPPER.readValue(json, Instant.class);
    }
}
