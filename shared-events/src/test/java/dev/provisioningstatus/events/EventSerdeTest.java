package dev.provisioningstatus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventSerdeTest {

    private final EventSerde<ProvisioningEvent> events = new EventSerde<>(ProvisioningEvent.class, "/provisioning-worker");

    @Test
    void serializingStampsCloudEventsBinaryModeHeaders() {
        RecordHeaders headers = new RecordHeaders();

        events.serializer().serialize("provisioning.events", headers, SampleEvents.STAGE_FAILED);

        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.ID)).isEqualTo(SampleEvents.STAGE_FAILED.eventId());
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.TYPE))
                .isEqualTo("dev.provisioningstatus.EnvironmentProvisioningResult");
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.SOURCE)).isEqualTo("/provisioning-worker");
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.TIME)).isEqualTo("2026-11-27T09:00:04Z");
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
    }

    @Test
    void theSameFactAlwaysGetsTheSameEventId() {
        EnvironmentProvisioningResult again = EnvironmentProvisioningResult.failed("orders-api",
                SampleEvents.INCARNATION, SampleEvents.WORKFLOW, 1, Environment.STAGE, FailureReason.ConnectionTimeout, "other text", false,
                SampleEvents.T0.plusSeconds(60));

        assertThat(again.eventId()).isEqualTo(SampleEvents.STAGE_FAILED.eventId());
    }

    @Test
    void anotherAttemptGetsAnotherEventId() {
        EnvironmentProvisioningResult secondAttempt = EnvironmentProvisioningResult.failed("orders-api",
                SampleEvents.INCARNATION, SampleEvents.WORKFLOW, 2, Environment.STAGE, FailureReason.ConnectionRefused, "x", true,
                SampleEvents.T0);

        assertThat(secondAttempt.eventId()).isNotEqualTo(SampleEvents.STAGE_FAILED.eventId());
    }

    @Test
    void theSameAttemptOfAnotherIncarnationGetsAnotherEventId() {
        ApplicationRegistered again = ApplicationRegistered.of("orders-api", "Orders API", "acme", "Acme Corp",
                List.of(Environment.STAGE), SampleEvents.T0.plusSeconds(3600));

        EnvironmentProvisioningResult reRegistered = EnvironmentProvisioningResult.failed("orders-api",
                again.incarnation(), SampleEvents.WORKFLOW, 1, Environment.STAGE, FailureReason.ConnectionRefused,
                "x", true, SampleEvents.T0);

        assertThat(again.incarnation()).isNotEqualTo(SampleEvents.INCARNATION);
        assertThat(reRegistered.eventId()).isNotEqualTo(SampleEvents.STAGE_FAILED.eventId());
    }

    @Test
    void anEventWithoutIncarnationKeepsTheIdItHadBeforeIncarnationsExisted() {
        EnvironmentProvisioningResult legacy = EnvironmentProvisioningResult.failed("orders-api", null,
                SampleEvents.WORKFLOW, 1, Environment.STAGE, FailureReason.ConnectionRefused, "x", true,
                SampleEvents.T0);

        assertThat(legacy.eventId()).isEqualTo(EventIds.of("EnvironmentProvisioningResult", "orders-api", 1, "stage"));
    }

    @Test
    void anEventWrittenBeforeIncarnationsExistedStillReads() {
        String withoutIncarnation = json(SampleEvents.STAGE_FAILED)
                .replace(",\"incarnation\":\"" + SampleEvents.INCARNATION + "\"", "");

        ProvisioningEvent read = read(withoutIncarnation);

        assertThat(read.incarnation()).isNull();
        assertThat(read.eventId()).isEqualTo(SampleEvents.STAGE_FAILED.eventId());
    }

    @Test
    void aCommandRefusedAgainGetsTheSameRejectionEventId() {
        ProvisionRequested redelivered = new ProvisionRequested(SampleEvents.REJECTED.commandId(), "orders-api",
                "Orders API", "acme", List.of(Environment.DEV), Trigger.RETRY, "alice", SampleEvents.T0.plusSeconds(9),
                1, SampleEvents.INCARNATION);

        ProvisioningRequestRejected again = ProvisioningRequestRejected.runInProgress(redelivered,
                SampleEvents.WORKFLOW, 1, SampleEvents.T0.plusSeconds(10));

        assertThat(again.eventId()).isEqualTo(SampleEvents.REJECTED.eventId());
    }

    @Test
    void aRejectionIsReadAsARejectionAndTellsTheRunningAttempt() {
        ProvisioningEvent read = read(json(SampleEvents.REJECTED));

        assertThat(read).isEqualTo(SampleEvents.REJECTED);
        assertThat(read.attempt()).isEqualTo(1);
        assertThat(json(SampleEvents.REJECTED)).doesNotContain("\"attempt\"");
    }

    @Test
    void aRejectionWithAnUnknownReasonIsRejectedBySchema() {
        String unknownReason = json(SampleEvents.REJECTED).replace("run-in-progress", "cluster-on-fire");

        assertThatThrownBy(() -> read(unknownReason))
                .isInstanceOf(SerializationException.class).hasMessageContaining("reason");
    }

    @Test
    void aTombstoneStaysNullBothWays() {
        assertThat(events.serializer().serialize("t", new RecordHeaders(), null)).isNull();
        assertThat(events.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void bytesThatAreNotJsonAreRejectedWithTheReason() {
        assertThatThrownBy(() -> read("{not json"))
                .isInstanceOf(SerializationException.class).hasMessageStartingWith("not JSON");
    }

    @Test
    void anUnknownEventTypeIsRejected() {
        assertThatThrownBy(() -> read("{\"type\":\"ProvisioningExploded\"}"))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown event type");
    }

    @Test
    void aMissingRequiredFieldIsRejectedBySchema() {
        String withoutAttempt = json(SampleEvents.STAGE_FAILED).replace("\"attempt\":1,", "");

        assertThatThrownBy(() -> read(withoutAttempt))
                .isInstanceOf(SerializationException.class).hasMessageContaining("attempt");
    }

    @Test
    void anUnknownEnumValueIsRejectedBySchema() {
        String unknownEnvironment = json(SampleEvents.STAGE_FAILED).replace("\"stage\"", "\"qa\"");

        assertThatThrownBy(() -> read(unknownEnvironment))
                .isInstanceOf(SerializationException.class).hasMessageContaining("environment");
    }

    @Test
    void aFailedResultWithoutReasonIsRejectedBySchema() {
        String withoutReason = json(SampleEvents.STAGE_FAILED).replace("\"reason\":\"ConnectionRefused\",", "");

        assertThatThrownBy(() -> read(withoutReason))
                .isInstanceOf(SerializationException.class).hasMessageContaining("reason");
    }

    @Test
    void anUnknownFieldFromANewerProducerIsTolerated() {
        String withExtra = json(SampleEvents.STAGE_FAILED).replace("{", "{\"addedLater\":42,");

        assertThat(read(withExtra)).isEqualTo(SampleEvents.STAGE_FAILED);
    }

    @Test
    void errorDetailIsCappedSoRecordsStaySmall() {
        String huge = "x".repeat(ErrorDetail.MAX_CHARS * 3);

        EnvironmentProvisioningResult result = EnvironmentProvisioningResult.failed("orders-api",
                SampleEvents.INCARNATION, SampleEvents.WORKFLOW, 1, Environment.STAGE, FailureReason.Unknown, huge, false, SampleEvents.T0);

        assertThat(result.errorDetail()).hasSize(ErrorDetail.MAX_CHARS).endsWith("[truncated]");
        assertThat(read(json(result))).isEqualTo(result);
    }

    private ProvisioningEvent read(String json) {
        return events.deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));
    }

    private String json(ProvisioningEvent event) {
        return new String(events.serializer().serialize("t", event), StandardCharsets.UTF_8);
    }
}
