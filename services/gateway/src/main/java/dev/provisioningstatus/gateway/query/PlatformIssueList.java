package dev.provisioningstatus.gateway.query;

import java.util.List;

/** {@code GET /api/admin/provisioning-issues} and the admin stream's snapshot: admins only, so full views. */
public record PlatformIssueList(int count, List<AdminApplicationView> applications) implements IssueList {
}
