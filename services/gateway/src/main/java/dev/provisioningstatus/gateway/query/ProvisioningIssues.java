package dev.provisioningstatus.gateway.query;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.gateway.view.HeldView;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Builds issue lists: the scope's applications, most recently updated first, as the caller may see them. */
public final class ProvisioningIssues {

    /** Newest first; the id breaks ties so the order is stable. */
    public static final Comparator<ApplicationProvisioningView> NEWEST_FIRST = Comparator
            .comparing(ApplicationProvisioningView::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(ApplicationProvisioningView::applicationId);

    private final ProvisioningViewIndex index;
    private final ApplicationViewRedactor redactor;

    public ProvisioningIssues(ProvisioningViewIndex index, ApplicationViewRedactor redactor) {
        this.index = index;
        this.redactor = redactor;
    }

    public IssueList list(IssueScope scope, Detail detail) {
        return body(scope, detail, scope.select(index), scope.count(index));
    }

    public WorkspaceIssueList workspace(String workspaceId, Detail detail) {
        IssueScope.Workspace scope = new IssueScope.Workspace(workspaceId);
        return scope.body(scope.count(index), sorted(scope.select(index)), detail, redactor);
    }

    public PlatformIssueList platform(Set<ProvisioningStatus> statuses, Detail detail) {
        IssueScope.Platform scope = new IssueScope.Platform(statuses);
        return scope.body(scope.count(index), sorted(scope.select(index)), detail, redactor);
    }

    /** The list of {@code views}, decoded here. */
    public IssueList body(IssueScope scope, Detail detail, List<HeldView> views, int count) {
        return scope.body(count, sorted(views), detail, redactor);
    }

    private static List<ApplicationProvisioningView> sorted(List<HeldView> views) {
        return views.stream().map(HeldView::view).sorted(NEWEST_FIRST).toList();
    }
}
