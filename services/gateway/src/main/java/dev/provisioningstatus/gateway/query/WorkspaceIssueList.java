package dev.provisioningstatus.gateway.query;

import java.util.List;

/** {@code GET /api/workspaces/{ws}/provisioning-issues} and the workspace stream's snapshot. */
public record WorkspaceIssueList(String workspaceId, int count, List<ApplicationView> applications)
        implements IssueList {
}
