package dev.provisioningstatus.gateway.query;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.gateway.view.HeldView;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import dev.provisioningstatus.gateway.view.ViewChange;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Which applications a list or a stream is about, and what its count counts. */
public sealed interface IssueScope {

    /** Whether the application belongs in the list; {@code false} for {@code null} (no application). */
    boolean includes(HeldView held);

    /** Whether the application adds one to the count; {@code false} for {@code null}. */
    boolean counts(HeldView held);

    /** The applications of the scope, read from the index without scanning others, not yet decoded. */
    List<HeldView> select(ProvisioningViewIndex index);

    int count(ProvisioningViewIndex index);

    /** The count once {@code change} is applied. */
    int countAfter(ViewChange change);

    /**
     * The list body: {@code {"count","applications"}}, plus {@code workspaceId} for a workspace; the
     * applications in the given order, as {@code detail} allows.
     */
    IssueList body(int count, List<ApplicationProvisioningView> applications, Detail detail,
            ApplicationViewRedactor redactor);

    /**
     * Whether a client of this scope may hold the application, given only the workspace it is
     * (or, deleted, was) in: who catches up is told of it, {@code application: null} if it is
     * out of the scope now.
     */
    boolean mayHaveHeld(String applicationId, String workspaceId);

    /** Whether the change concerns this scope at all. */
    default boolean isTouchedBy(ViewChange change) {
        return includes(change.before()) || includes(change.after());
    }

    default boolean countChangedBy(ViewChange change) {
        return counts(change.before()) != counts(change.after());
    }

    /**
     * A workspace's issues: its {@code failed} and {@code partial} applications and those being
     * retried after a failure; the count (the banner's) is its failed and partial applications.
     */
    record Workspace(String workspaceId) implements IssueScope {

        @Override
        public boolean includes(HeldView held) {
            return held != null && workspaceId.equals(held.workspaceId()) && held.isWorkspaceIssue();
        }

        @Override
        public boolean counts(HeldView held) {
            return held != null && workspaceId.equals(held.workspaceId()) && held.countsInBanner();
        }

        @Override
        public boolean mayHaveHeld(String applicationId, String applicationWorkspaceId) {
            return workspaceId.equals(applicationWorkspaceId);
        }

        @Override
        public List<HeldView> select(ProvisioningViewIndex index) {
            return index.inWorkspace(workspaceId, this::includes);
        }

        @Override
        public int count(ProvisioningViewIndex index) {
            return index.bannerCount(workspaceId);
        }

        @Override
        public int countAfter(ViewChange change) {
            return change.bannerCountAfter(workspaceId);
        }

        @Override
        public WorkspaceIssueList body(int count, List<ApplicationProvisioningView> applications, Detail detail,
                ApplicationViewRedactor redactor) {
            return new WorkspaceIssueList(workspaceId, count,
                    applications.stream().map(view -> redactor.render(view, detail)).toList());
        }
    }

    /** The platform's applications with the given statuses; by default every one that is not completed. */
    record Platform(Set<ProvisioningStatus> statuses) implements IssueScope {

        public static final Set<ProvisioningStatus> WITH_ISSUES = Set.copyOf(
                EnumSet.complementOf(EnumSet.of(ProvisioningStatus.COMPLETED)));

        public Platform {
            statuses = Set.copyOf(statuses);
        }

        public static Platform withIssues() {
            return new Platform(WITH_ISSUES);
        }

        @Override
        public boolean includes(HeldView held) {
            return held != null && statuses.contains(held.status());
        }

        @Override
        public boolean counts(HeldView held) {
            return includes(held);
        }

        @Override
        public boolean mayHaveHeld(String applicationId, String workspaceId) {
            return true;
        }

        @Override
        public List<HeldView> select(ProvisioningViewIndex index) {
            return index.withStatus(statuses);
        }

        @Override
        public int count(ProvisioningViewIndex index) {
            return index.count(statuses);
        }

        @Override
        public int countAfter(ViewChange change) {
            return change.statusCountAfter(statuses);
        }

        /** Only admins may read the platform's issues (the security rules), so the views are full whatever the detail. */
        @Override
        public PlatformIssueList body(int count, List<ApplicationProvisioningView> applications, Detail detail,
                ApplicationViewRedactor redactor) {
            return new PlatformIssueList(count, applications.stream().map(redactor::full).toList());
        }
    }
}
