package dev.provisioningstatus.statusview.stream;

import static dev.provisioningstatus.events.Environment.DEV;
import static dev.provisioningstatus.events.Environment.STAGE;
import static dev.provisioningstatus.events.FailureReason.ConnectionRefused;
import static dev.provisioningstatus.statusview.ProvisioningFixtures.ALL_ENVIRONMENTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.statusview.ProvisioningFixtures;
import dev.provisioningstatus.statusview.view.ApplicationFoldState;
import dev.provisioningstatus.statusview.view.ProvisioningViewFolder;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoldStateSerdeTest {

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

        byte[] stored = serde.serializer().serialize("changelog", state);

        assertThat(serde.deserializer().deserialize("changelog", stored)).isEqualTo(state);
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

        byte[] stored = serde.serializer().serialize("changelog", marker);

        assertThat(serde.deserializer().deserialize("changelog", stored)).isEqualTo(marker);
    }
}
