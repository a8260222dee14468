package dev.provisioningstatus.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.gateway.StatusLog;
import dev.provisioningstatus.gateway.TestViews;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import org.junit.jupiter.api.Test;

class AcceptedRegistrationsTest {

    private final ProvisioningViewIndex index = new ProvisioningViewIndex();
    private final StatusLog log = new StatusLog(index);
    private final AcceptedRegistrations registrations = new AcceptedRegistrations(index, 100);

    @Test
    void aRegistrationAwaitsItsViewUntilTheViewArrives() {
        registrations.accepted("fresh", "acme");
        assertThat(registrations.awaitingView("fresh")).contains("acme");

        log.apply("fresh", TestViews.inProgress("fresh", "acme", 1, 1));

        assertThat(registrations.awaitingView("fresh")).isEmpty();
    }

    @Test
    void anApplicationDeletedAfterItsViewArrivedIsNotTakenForARegistrationInFlight() {
        registrations.accepted("again", "acme");
        log.apply("again", TestViews.completed("again", "acme", 3));
        log.apply("again", null);

        assertThat(registrations.awaitingView("again")).as("it may be registered again").isEmpty();
    }
}
