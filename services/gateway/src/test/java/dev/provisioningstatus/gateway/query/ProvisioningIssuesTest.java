package dev.provisioningstatus.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.gateway.StatusLog;
import dev.provisioningstatus.gateway.TestViews;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProvisioningIssuesTest {

    private final ProvisioningViewIndex index = new ProvisioningViewIndex();
    private final StatusLog log = new StatusLog(index);
    private final ProvisioningIssues issues = new ProvisioningIssues(index, new ApplicationViewRedactor());

    @BeforeEach
    void applications() {
        for (ApplicationProvisioningView view : new ApplicationProvisioningView[] {
                TestViews.failed("old", "acme", 1), TestViews.partial("new", "acme", 5),
                TestViews.completed("done", "acme", 9), TestViews.failed("theirs", "globex", 3)}) {
            log.apply(view.applicationId(), view);
        }
    }

    @Test
    void aWorkspaceListIsItsIssuesNewestFirst() {
        WorkspaceIssueList list = (WorkspaceIssueList) issues.list(new IssueScope.Workspace("acme"), Detail.MODERATE);

        assertThat(list.count()).isEqualTo(2);
        assertThat(list.applications()).extracting(application -> ((MemberApplicationView) application).view().applicationId())
                .containsExactly("new", "old");
    }

    @Test
    void thePlatformListFiltersByStatusAtFullDetail() {
        PlatformIssueList list = (PlatformIssueList) issues.list(
                new IssueScope.Platform(Set.of(ProvisioningStatus.FAILED)), Detail.FULL);

        assertThat(list.count()).isEqualTo(2);
        assertThat(list.applications()).extracting(application -> application.view().applicationId())
                .containsExactly("theirs", "old");
    }
}
