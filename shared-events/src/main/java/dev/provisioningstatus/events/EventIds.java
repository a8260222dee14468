package dev.provisioningstatus.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic event ids: a name-based UUID over the fact an event states. A Temporal activity
 * that runs twice publishes the same fact, hence the same id, and the status view counts it once.
 */
public final class EventIds {

    static final String TYPE_PREFIX = "dev.provisioningstatus.";

    private EventIds() {
    }

    public static String of(String type, Object... parts) {
        StringBuilder name = new StringBuilder(type);
        for (Object part : parts) {
            name.append('\u001f').append(part);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The id of a fact of one incarnation of {@code applicationId}: ids never repeat across incarnations.
     * Without an incarnation (a command of a sender that predates them) it is the id the fact had before.
     */
    public static String ofIncarnation(String type, String applicationId, String incarnation, Object... parts) {
        Object[] all = new Object[parts.length + (incarnation == null ? 1 : 2)];
        all[0] = applicationId;
        int next = 1;
        if (incarnation != null) {
            all[next++] = incarnation;
        }
        System.arraycopy(parts, 0, all, next, parts.length);
        return of(type, all);
    }

    /** The workflow id of the provisioning runs of an application whose incarnation is not known. */
    public static String workflowId(String applicationId) {
        return workflowId(applicationId, null);
    }

    /**
     * The workflow id of one incarnation's provisioning runs: Temporal rejects a second concurrent run of
     * it, and its latest run knows only that incarnation's attempts and successes.
     */
    public static String workflowId(String applicationId, String incarnation) {
        return "provisioning-" + applicationId + (incarnation == null ? "" : "-" + incarnation);
    }

    /** The workflow id of the runs that remove a deleted incarnation from its environments. */
    public static String deprovisioningWorkflowId(String applicationId, String incarnation) {
        return "deprovisioning-" + applicationId + (incarnation == null ? "" : "-" + incarnation);
    }
}
