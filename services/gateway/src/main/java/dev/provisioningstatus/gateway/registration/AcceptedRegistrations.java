package dev.provisioningstatus.gateway.registration;

import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Applications this instance registered whose view has not arrived yet: between the 201 and the
 * status view's first record, the application exists for its caller (a second registration is a
 * 409, a retry is told its first attempt is running) instead of being unknown. Forgotten once the
 * view is there; bounded, the oldest forgotten first.
 */
public final class AcceptedRegistrations {

    private final ProvisioningViewIndex index;
    private final Map<String, String> workspaceByApplication;

    public AcceptedRegistrations(ProvisioningViewIndex index, int capacity) {
        this.index = index;
        this.workspaceByApplication = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized void accepted(String applicationId, String workspaceId) {
        workspaceByApplication.put(applicationId, workspaceId);
    }

    public synchronized void failed(String applicationId) {
        workspaceByApplication.remove(applicationId);
    }

    /** The workspace of an application registered here whose view has not arrived yet. */
    public synchronized Optional<String> awaitingView(String applicationId) {
        if (index.find(applicationId).isPresent()) {
            workspaceByApplication.remove(applicationId);
            return Optional.empty();
        }
        return Optional.ofNullable(workspaceByApplication.get(applicationId));
    }
}
