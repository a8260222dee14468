package dev.provisioningstatus.gateway.query;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ProvisioningStatus;
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

    public Object list(IssueScope scope, Detail detail) {
        return body(scope, detail, scope.select(index), scope.count(index));
    }

    public WorkspaceIssueList workspace(String workspaceId, Detail detail) {
        return (WorkspaceIssueList) list(new IssueScope.Workspace(workspaceId), detail);
    }

    public PlatformIssueList platform(Set<ProvisioningStatus> statuses, Detail detail) {
        return (PlatformIssueList) list(new IssueScope.Platform(statuses), detail);
    }

    public Object body(IssueScope scope, Detail detail, List<ApplicationProvisioningView> views, int count) {
        List<Object> applications = views.stream()
                .sorted(NEWEST_FIRST)
                .map(view -> redactor.render(view, detail))
                .toList();
        return scope.body(count, applications);
    }
}
