package dev.provisioningstatus.gateway.query;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** {@code GET /api/admin/provisioning-issues} and the admin stream's snapshot: admins only, so full views. */
public record PlatformIssueList(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int count,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<AdminApplicationView> applications) implements IssueList {
}
