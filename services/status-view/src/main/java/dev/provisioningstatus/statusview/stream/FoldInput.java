package dev.provisioningstatus.statusview.stream;

import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.ProvisioningEvent;

/** A readable input of the fold, from either input topic. */
sealed interface FoldInput {

    /** An {@code applications} record: the application exists (again, or changed). */
    record Registration(ApplicationRegistered registered) implements FoldInput {
    }

    /** An {@code applications} tombstone: the application was deleted. */
    record Deletion() implements FoldInput {
    }

    /** A {@code provisioning.events} record. */
    record Provisioning(ProvisioningEvent event) implements FoldInput {
    }
}
