package dev.provisioningstatus.gateway.query;

import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.gateway.problem.ApiProblems;
import dev.provisioningstatus.gateway.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import dev.provisioningstatus.gateway.api.ApiDocs;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Queries", description = "Provisioning issues and views, as the caller may see them")
@RestController
class ProvisioningQueryController {

    private final ProvisioningIssues issues;
    private final VisibleApplications applications;
    private final ApplicationViewRedactor redactor;
    private final QueryLatency latency;

    ProvisioningQueryController(ProvisioningIssues issues, VisibleApplications applications,
            ApplicationViewRedactor redactor, QueryLatency latency) {
        this.issues = issues;
        this.applications = applications;
        this.redactor = redactor;
        this.latency = latency;
    }

    @Operation(operationId = "listWorkspaceIssues",
            summary = "A workspace's applications with provisioning issues (members of the workspace, admins)")
    @ApiResponse(responseCode = "200", description = "The workspace's issues, newest first", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @GetMapping(path = "/api/workspaces/{workspaceId}/provisioning-issues", produces = MediaType.APPLICATION_JSON_VALUE)
    WorkspaceIssueList workspaceIssues(@Parameter(ref = ApiDocs.WORKSPACE_ID) @PathVariable String workspaceId,
            Caller caller) {
        return latency.time(QueryLatency.Route.WORKSPACE_ISSUES, () -> {
            VisibleApplications.requireValidId(workspaceId, "workspace");
            return issues.workspace(workspaceId, Detail.of(caller));
        });
    }

    @Operation(operationId = "listPlatformIssues",
            summary = "Every application with provisioning issues, full detail (admins)")
    @ApiResponse(responseCode = "200", description = "The platform's issues, newest first", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @GetMapping(path = "/api/admin/provisioning-issues", produces = MediaType.APPLICATION_JSON_VALUE)
    PlatformIssueList platformIssues(
            @Parameter(ref = ApiDocs.STATUS_FILTER) @RequestParam(name = "status", required = false) String status,
            Caller caller) {
        return latency.time(QueryLatency.Route.PLATFORM_ISSUES,
                () -> issues.platform(statuses(status), Detail.of(caller)));
    }

    @Operation(operationId = "getApplicationProvisioning",
            summary = "One application's provisioning view: moderate for members, full for admins")
    @ApiResponse(responseCode = "200", description = "The application as the caller may see it", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @GetMapping(path = "/api/applications/{applicationId}/provisioning", produces = MediaType.APPLICATION_JSON_VALUE)
    ApplicationView application(@Parameter(ref = ApiDocs.APPLICATION_ID) @PathVariable String applicationId,
            Caller caller) {
        return latency.time(QueryLatency.Route.APPLICATION,
                () -> redactor.render(applications.require(applicationId, caller), Detail.of(caller)));
    }

    /** {@code failed,partial} → those statuses; absent or blank → every status but completed. */
    static Set<ProvisioningStatus> statuses(String filter) {
        if (filter == null || filter.isBlank()) {
            return IssueScope.Platform.WITH_ISSUES;
        }
        Set<ProvisioningStatus> statuses = EnumSet.noneOf(ProvisioningStatus.class);
        for (String part : filter.split(",")) {
            String id = part.trim();
            statuses.add(Arrays.stream(ProvisioningStatus.values())
                    .filter(status -> status.id().equals(id))
                    .findFirst()
                    .orElseThrow(() -> ApiProblems.badRequest("Unknown status '" + id + "'; expected any of "
                            + Arrays.stream(ProvisioningStatus.values()).map(ProvisioningStatus::id)
                                    .collect(Collectors.joining(",")))));
        }
        return statuses;
    }
}
