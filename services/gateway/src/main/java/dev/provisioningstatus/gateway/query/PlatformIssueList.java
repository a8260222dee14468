package dev.provisioningstatus.gateway.query;

import java.util.List;

/** {@code GET /api/admin/provisioning-issues} and the admin stream's snapshot. */
public record PlatformIssueList(int count, List<Object> applications) {
}
