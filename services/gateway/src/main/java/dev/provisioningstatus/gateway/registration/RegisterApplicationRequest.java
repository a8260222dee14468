package dev.provisioningstatus.gateway.registration;

import java.util.List;

/**
 * Body of {@code POST /api/applications}; validated by {@link ApplicationRegistrationValidator}.
 *
 * @param applicationId optional; generated from {@code name} when absent
 */
public record RegisterApplicationRequest(
        String applicationId,
        String name,
        String workspaceId,
        String workspaceName,
        List<String> environments) {
}
