package dev.provisioningstatus.gateway.query;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** {@code GET /api/workspaces/{ws}/provisioning-issues} and the workspace stream's snapshot. */
public record WorkspaceIssueList(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String workspaceId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int count,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<ApplicationView> applications)
        implements IssueList {
}
