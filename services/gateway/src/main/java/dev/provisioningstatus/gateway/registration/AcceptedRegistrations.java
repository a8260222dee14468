package dev.provisioningstatus.gateway.registration;

import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import dev.provisioningstatus.gateway.view.ViewChange;
import dev.provisioningstatus.gateway.view.ViewPosition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Applications this instance registered whose view has not arrived yet: between the 201 and the
 * status view's first record, the application exists for its caller (a second registration is a
 * 409, a retry is told its first attempt is running) instead of being unknown. Forgotten as soon as
 * the index changes for the application (its view arrived; or it was deleted, after which it may be
 * registered again); bounded, the oldest forgotten first.
 */
public final class AcceptedRegistrations implements ProvisioningViewIndex.Listener {

    private final Map<String, String> workspaceByApplication;

    public AcceptedRegistrations(ProvisioningViewIndex index, int capacity) {
        this.workspaceByApplication = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
        index.listen(this);
    }

    @Override
    public synchronized void changed(ViewChange change) {
        workspaceByApplication.remove(change.applicationId());
    }

    @Override
    public void replaced(ViewPosition position) {
        // A new topic says nothing about registrations in flight.
    }

    public synchronized void accepted(String applicationId, String workspaceId) {
        workspaceByApplication.put(applicationId, workspaceId);
    }

    public synchronized void failed(String applicationId) {
        workspaceByApplication.remove(applicationId);
    }

    /** The workspace of an application registered here whose view has not arrived yet. */
    public synchronized Optional<String> awaitingView(String applicationId) {
        return Optional.ofNullable(workspaceByApplication.get(applicationId));
    }
}
