package dev.provisioningstatus.statusview.stream;

import static dev.provisioningstatus.events.Environment.DEV;
import static dev.provisioningstatus.events.Environment.PROD;
import static dev.provisioningstatus.events.Environment.STAGE;
import static dev.provisioningstatus.events.FailureReason.ConnectionRefused;
import static dev.provisioningstatus.statusview.ProvisioningFixtures.ALL_ENVIRONMENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.AttemptRecord;
import dev.provisioningstatus.events.EnvironmentCondition;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.EventJson;
import dev.provisioningstatus.events.FailureReason;
import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.statusview.ProvisioningFixtures;
import dev.provisioningstatus.statusview.view.ApplicationFoldState;
import dev.provisioningstatus.statusview.view.Deletion;
import dev.provisioningstatus.statusview.view.ProvisioningViewFolder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class FoldStateSerdeTest {

    /** Format 1 of {@link #goldenState()}, as written by the release that introduced it. */
    private static final String GOLDEN_V1 = "/fold-state/format-1.base64";

    private final ProvisioningFixtures app = ProvisioningFixtures.of(ProvisioningFixtures.APP);
    private final ProvisioningViewFolder folder = new ProvisioningViewFolder();
    private final FoldStateSerde serde = new FoldStateSerde();

    @Test
    void foldStateReadsBackAsItWasWritten() {
        ApplicationFoldState state = folder.register(null, app.registered(ALL_ENVIRONMENTS)).state();
        state = folder.apply(state, app.started(1, ALL_ENVIRONMENTS, 2)).state();
        state = folder.apply(state, app.succeeded(1, DEV, 3)).state();
        state = folder.apply(state, app.failed(1, STAGE, ConnectionRefused, 4)).state();
        state = folder.apply(state, app.finished(1, ProvisioningStatus.PARTIAL, 6)).state();
        state = folder.apply(state, app.started(2, List.of(STAGE), 10)).state();

        assertThat(roundTrip(state)).isEqualTo(state);
    }

    @Test
    void theMarkerOfADeletedApplicationReadsBackAsItWasWritten() {
        ApplicationFoldState state = folder.register(null, app.registered(ALL_ENVIRONMENTS)).state();
        state = folder.deregister(state, ProvisioningFixtures.at(50)).state();
        for (ProvisioningEvent event : app.cleanDeprovisioning(1, ALL_ENVIRONMENTS, 51)) {
            state = folder.apply(state, event).state();
        }
        ApplicationFoldState marker = state;
        assertThat(marker.isDeletedMarker()).isTrue();

        assertThat(roundTrip(marker)).isEqualTo(marker);
    }

    @Test
    void stateOfAnApplicationBeingDeprovisionedReadsBackAsItWasWritten() {
        ApplicationFoldState state = folder.register(null, app.registered(ALL_ENVIRONMENTS)).state();
        state = folder.deregister(state, ProvisioningFixtures.at(50)).state();

        assertThat(state.deletion()).isNotNull();
        assertThat(roundTrip(state)).isEqualTo(state);
    }

    @Test
    void stateOfEventsAheadOfTheRegistrationReadsBackAsItWasWritten() {
        ApplicationFoldState state = folder.apply(null, app.started(1, ALL_ENVIRONMENTS, 2)).state();

        assertThat(state.registration()).isNull();
        assertThat(roundTrip(state)).isEqualTo(state);
    }

    @Test
    void textBeyondAsciiAndLongErrorDetailsReadBackAsTheyWereWritten() {
        ApplicationFoldState state = goldenState();
        EnvironmentCondition stage = state.conditions().get(1);
        EnvironmentCondition unusual = new EnvironmentCondition(STAGE, EnvironmentStatus.FAILED, FailureReason.Unknown,
                "Échec: 接続できません 🚫", "x".repeat(8192), true, null, 2, stage.lastTransitionTime(),
                stage.history());
        ApplicationFoldState withUnusual = new ApplicationFoldState(state.applicationId(), state.registration(),
                state.workflowId(), state.attempt(), state.lastAttemptAt(), state.attemptStarted(),
                state.attemptEnvironments(), state.attemptFinishedStatus(), List.of(unusual), state.recentEventIds(),
                state.updatedAt(), state.version(), state.incarnation(), state.retiredIncarnations(), state.deletion());

        assertThat(roundTrip(withUnusual)).isEqualTo(withUnusual);
    }

    @Test
    void formatOneWritesTheGoldenBytes() throws IOException {
        assertThat(serde.serializer().serialize("changelog", goldenState())).isEqualTo(golden(GOLDEN_V1));
    }

    @Test
    void formatOneGoldenBytesReadAsTheGoldenState() throws IOException {
        assertThat(serde.deserializer().deserialize("changelog", golden(GOLDEN_V1))).isEqualTo(goldenState());
    }

    @Test
    void stateWrittenAsJsonByEarlierReleasesIsStillRead() {
        byte[] json = EventJson.MAPPER.writeValueAsBytes(goldenState());

        assertThat(serde.deserializer().deserialize("changelog", json)).isEqualTo(goldenState());
    }

    @Test
    void formatNewerThanThisReleaseIsRefusedWithTheReason() throws IOException {
        byte[] newer = golden(GOLDEN_V1);
        newer[0] = FoldStateSerde.VERSION + 1;

        assertThatThrownBy(() -> serde.deserializer().deserialize("changelog", newer))
                .isInstanceOf(SerializationException.class).hasMessageContaining("newer than this release reads");
    }

    private ApplicationFoldState roundTrip(ApplicationFoldState state) {
        return serde.deserializer().deserialize("changelog", serde.serializer().serialize("changelog", state));
    }

    /** Every kind of value: nulls, nested lists, history, retired incarnations, a deletion under way. */
    static ApplicationFoldState goldenState() {
        Instant t0 = Instant.parse("2026-11-27T09:00:00Z");
        ApplicationRegistered registration = new ApplicationRegistered("0b9c6a4e-7f41-3d2a-9f0e-3c1d2b4a5e6f",
                "orders-api", "Orders API", "acme", "Acme Corp", ALL_ENVIRONMENTS, t0);
        EnvironmentCondition dev = new EnvironmentCondition(DEV, EnvironmentStatus.SUCCEEDED, null, "Provisioned", null,
                false, "dev/acme.orders-api", 1, t0.plusSeconds(3), List.of());
        EnvironmentCondition stage = new EnvironmentCondition(STAGE, EnvironmentStatus.IN_PROGRESS, null,
                "Provisioning", null, false, null, 2, t0.plusSeconds(10).plusNanos(123_456_789),
                List.of(new AttemptRecord(1, EnvironmentStatus.FAILED, ConnectionRefused, "Connection refused",
                        t0.plusSeconds(4))));
        EnvironmentCondition prod = new EnvironmentCondition(PROD, EnvironmentStatus.FAILED,
                FailureReason.ConnectionTimeout, "Connection timeout", "java.net.SocketTimeoutException: timed out",
                true, null, 1, t0.plusSeconds(5), List.of());
        return new ApplicationFoldState("orders-api", registration, "provisioning-orders-api-0b9c6a4e", 2,
                t0.plusSeconds(10), true, List.of(STAGE), null, List.of(dev, stage, prod),
                List.of("5d1e0f2a-1b3c-3d4e-8f5a-6b7c8d9e0f1a", "6e2f1a3b-2c4d-3e5f-9a6b-7c8d9e0f1a2b"),
                t0.plusSeconds(10), 7, "0b9c6a4e-7f41-3d2a-9f0e-3c1d2b4a5e6f",
                List.of("1c0d7b5f-8a52-3e3b-8a1f-4d2e3c5b6a7f"), new Deletion(1, false));
    }

    private static byte[] golden(String resource) throws IOException {
        try (InputStream in = FoldStateSerdeTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return Base64.getMimeDecoder().decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
    }
}
