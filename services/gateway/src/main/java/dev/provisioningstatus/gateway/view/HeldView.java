package dev.provisioningstatus.gateway.view;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.EventSerde;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.events.Topics;

/**
 * One application's view as the index holds it: what the index and the streams select by, and
 * the view itself as the JSON it was read as, decoded again when it is asked for.
 *
 * <p>Why bytes: a view lives until its application's next change, which is often after a young
 * collection, and the collector copies every object that survives one. A decoded view is some
 * sixty small objects; held as JSON it is one array, which the collector copies as one block.
 */
public final class HeldView {

    /**
     * How the gateway reads a view of {@code provisioning.status}, in the feed and here alike: bound without the
     * schema check, since the status view, the topic's one writer, wrote only views it built from checked inputs.
     */
    static final EventSerde<ApplicationProvisioningView> VIEWS =
            (EventSerde<ApplicationProvisioningView>) Topics.PROVISIONING_STATUS.valueSerde();

    private final String applicationId;
    private final String workspaceId;
    private final ProvisioningStatus status;
    private final int attempt;
    private final long version;
    private final byte[] json;

    /**
     * @param json     the record value {@code view} was read from (it bound to {@code view})
     * @param previous the view this one replaces, or {@code null}: its id and workspace strings are
     *                 kept, so a change keeps no new string alive
     */
    static HeldView of(ApplicationProvisioningView view, byte[] json, HeldView previous) {
        String applicationId = previous != null ? previous.applicationId : view.applicationId();
        String workspaceId = previous != null && previous.workspaceId.equals(view.workspaceId())
                ? previous.workspaceId
                : view.workspaceId();
        return new HeldView(applicationId, workspaceId, view.status(), view.attempt(), view.version(), json);
    }

    private HeldView(String applicationId, String workspaceId, ProvisioningStatus status, int attempt, long version,
            byte[] json) {
        this.applicationId = applicationId;
        this.workspaceId = workspaceId;
        this.status = status;
        this.attempt = attempt;
        this.version = version;
        this.json = json;
    }

    /** The view, bound again from the bytes it was read as, as the feed bound it: the view that was read. */
    public ApplicationProvisioningView view() {
        return VIEWS.bind(json);
    }

    public String applicationId() {
        return applicationId;
    }

    public String workspaceId() {
        return workspaceId;
    }

    public ProvisioningStatus status() {
        return status;
    }

    public long version() {
        return version;
    }

    /** Whether the workspace's members see it (the rule's home is {@link ApplicationProvisioningView}). */
    public boolean isWorkspaceIssue() {
        return ApplicationProvisioningView.isWorkspaceIssue(status, attempt);
    }

    /** The workspace banner counts what needs the members' attention: failed and partial applications. */
    public boolean countsInBanner() {
        return status == ProvisioningStatus.FAILED || status == ProvisioningStatus.PARTIAL;
    }
}
