package dev.provisioningstatus.gateway.webhook;

import dev.provisioningstatus.gateway.query.VisibleApplications;
import dev.provisioningstatus.gateway.security.Caller;
import dev.provisioningstatus.gateway.api.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Webhook subscriptions of a workspace (its members and admins; moderate detail) and of the platform
 * (admins; full detail), their delivery logs and redelivery. The security rules admit callers by path;
 * {@link WebhookSubscriptions} keeps each route to its owner's subscriptions.
 */
@Tag(name = "Webhooks", description = "Signed webhook notifications of provisioning transitions, their delivery"
        + " log and redelivery")
@RestController
class WebhookController {

    private static final String WORKSPACE = "/api/workspaces/{workspaceId}/webhooks";
    private static final String PLATFORM = "/api/admin/webhooks";

    private final WebhookSubscriptions webhooks;

    WebhookController(WebhookSubscriptions webhooks) {
        this.webhooks = webhooks;
    }

    @Operation(operationId = "createWorkspaceWebhook",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true),
            summary = "Subscribe a URL to a workspace's provisioning transitions (members of the workspace,"
            + " admins); the answer shows the signing secret, once")
    @ApiResponse(responseCode = "201", description = "Subscribed; the answer holds the signing secret, shown this once",
            headers = @Header(name = "Location", ref = ApiDocs.LOCATION), useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "413", ref = ApiDocs.CONTENT_TOO_LARGE)
    @ApiResponse(responseCode = "415", ref = ApiDocs.UNSUPPORTED_MEDIA_TYPE)
    @ApiResponse(responseCode = "503", ref = ApiDocs.SERVICE_UNAVAILABLE)
    @PostMapping(path = WORKSPACE, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CreatedWebhookSubscription>> createInWorkspace(
            @Parameter(ref = ApiDocs.WORKSPACE_ID) @PathVariable String workspaceId,
            @RequestBody(required = false) WebhookRequest request, Caller caller) {
        return created(workspace(workspaceId), request, caller);
    }

    @Operation(operationId = "listWorkspaceWebhooks",
            summary = "A workspace's webhook subscriptions (members of the workspace, admins)")
    @ApiResponse(responseCode = "200", description = "The subscriptions, oldest first, without their secrets",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @GetMapping(path = WORKSPACE, produces = MediaType.APPLICATION_JSON_VALUE)
    WebhookSubscriptionList listInWorkspace(@Parameter(ref = ApiDocs.WORKSPACE_ID) @PathVariable String workspaceId) {
        return webhooks.list(workspace(workspaceId));
    }

    @Operation(operationId = "getWorkspaceWebhook",
            summary = "One webhook subscription of a workspace (members of the workspace, admins)")
    @ApiResponse(responseCode = "200", description = "The subscription, without its secret",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @GetMapping(path = WORKSPACE + "/{subscriptionId}", produces = MediaType.APPLICATION_JSON_VALUE)
    WebhookSubscriptionView getInWorkspace(@Parameter(ref = ApiDocs.WORKSPACE_ID) @PathVariable String workspaceId,
            @Parameter(description = "The subscription id") @PathVariable String subscriptionId) {
        return webhooks.get(workspace(workspaceId), subscriptionId);
    }

    @Operation(operationId = "deleteWorkspaceWebhook",
            summary = "Delete a webhook subscription of a workspace (members of the workspace, admins)")
    @ApiResponse(responseCode = "204", description = "Deleted: the tombstone is committed")
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @ApiResponse(responseCode = "503", ref = ApiDocs.SERVICE_UNAVAILABLE)
    @DeleteMapping(path = WORKSPACE + "/{subscriptionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> deleteInWorkspace(@Parameter(ref = ApiDocs.WORKSPACE_ID) @PathVariable String workspaceId,
            @Parameter(description = "The subscription id") @PathVariable String subscriptionId) {
        return webhooks.delete(workspace(workspaceId), subscriptionId);
    }

    @Operation(operationId = "listWorkspaceWebhookDeliveries",
            summary = "The latest delivery attempts of a workspace's webhook (members of the workspace, admins)")
    @ApiResponse(responseCode = "200", description = "The latest delivery attempts, newest first",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @GetMapping(path = WORKSPACE + "/{subscriptionId}/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
    WebhookDeliveryLog deliveriesInWorkspace(@Parameter(ref = ApiDocs.WORKSPACE_ID) @PathVariable String workspaceId,
            @Parameter(description = "The subscription id") @PathVariable String subscriptionId) {
        return webhooks.deliveries(workspace(workspaceId), subscriptionId);
    }

    @Operation(operationId = "redeliverWorkspaceWebhook",
            summary = "Deliver again, with the same webhook-id, a delivery of a workspace's webhook"
            + " (members of the workspace, admins)")
    @ApiResponse(responseCode = "202", description = "The redelivery was requested",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @ApiResponse(responseCode = "503", ref = ApiDocs.SERVICE_UNAVAILABLE)
    @PostMapping(path = WORKSPACE + "/{subscriptionId}/deliveries/{deliveryId}/redeliver",
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<RedeliveryAccepted> redeliverInWorkspace(
            @Parameter(ref = ApiDocs.WORKSPACE_ID) @PathVariable String workspaceId,
            @Parameter(description = "The subscription id") @PathVariable String subscriptionId,
            @Parameter(description = "A deliveryId from the delivery log") @PathVariable String deliveryId,
            Caller caller) {
        return webhooks.redeliver(workspace(workspaceId), subscriptionId, deliveryId, caller);
    }

    @Operation(operationId = "createPlatformWebhook",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true),
            summary = "Subscribe a URL to every application's provisioning transitions, full detail (admins);"
            + " the answer shows the signing secret, once")
    @ApiResponse(responseCode = "201", description = "Subscribed; the answer holds the signing secret, shown this once",
            headers = @Header(name = "Location", ref = ApiDocs.LOCATION), useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "413", ref = ApiDocs.CONTENT_TOO_LARGE)
    @ApiResponse(responseCode = "415", ref = ApiDocs.UNSUPPORTED_MEDIA_TYPE)
    @ApiResponse(responseCode = "503", ref = ApiDocs.SERVICE_UNAVAILABLE)
    @PostMapping(path = PLATFORM, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CreatedWebhookSubscription>> createOnPlatform(
            @RequestBody(required = false) WebhookRequest request, Caller caller) {
        return created(WebhookOwner.platform(), request, caller);
    }

    @Operation(operationId = "listPlatformWebhooks",
            summary = "The platform-wide webhook subscriptions (admins)")
    @ApiResponse(responseCode = "200", description = "The subscriptions, oldest first, without their secrets",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @GetMapping(path = PLATFORM, produces = MediaType.APPLICATION_JSON_VALUE)
    WebhookSubscriptionList listOnPlatform() {
        return webhooks.list(WebhookOwner.platform());
    }

    @Operation(operationId = "getPlatformWebhook",
            summary = "One platform-wide webhook subscription (admins)")
    @ApiResponse(responseCode = "200", description = "The subscription, without its secret",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @GetMapping(path = PLATFORM + "/{subscriptionId}", produces = MediaType.APPLICATION_JSON_VALUE)
    WebhookSubscriptionView getOnPlatform(
            @Parameter(description = "The subscription id") @PathVariable String subscriptionId) {
        return webhooks.get(WebhookOwner.platform(), subscriptionId);
    }

    @Operation(operationId = "deletePlatformWebhook",
            summary = "Delete a platform-wide webhook subscription (admins)")
    @ApiResponse(responseCode = "204", description = "Deleted: the tombstone is committed")
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @ApiResponse(responseCode = "503", ref = ApiDocs.SERVICE_UNAVAILABLE)
    @DeleteMapping(path = PLATFORM + "/{subscriptionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> deleteOnPlatform(@Parameter(description = "The subscription id") @PathVariable String subscriptionId) {
        return webhooks.delete(WebhookOwner.platform(), subscriptionId);
    }

    @Operation(operationId = "listPlatformWebhookDeliveries",
            summary = "The latest delivery attempts of a platform-wide webhook (admins)")
    @ApiResponse(responseCode = "200", description = "The latest delivery attempts, newest first",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @GetMapping(path = PLATFORM + "/{subscriptionId}/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
    WebhookDeliveryLog deliveriesOnPlatform(
            @Parameter(description = "The subscription id") @PathVariable String subscriptionId) {
        return webhooks.deliveries(WebhookOwner.platform(), subscriptionId);
    }

    @Operation(operationId = "redeliverPlatformWebhook",
            summary = "Deliver again, with the same webhook-id, a delivery of a platform-wide webhook (admins)")
    @ApiResponse(responseCode = "202", description = "The redelivery was requested",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @ApiResponse(responseCode = "503", ref = ApiDocs.SERVICE_UNAVAILABLE)
    @PostMapping(path = PLATFORM + "/{subscriptionId}/deliveries/{deliveryId}/redeliver",
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<RedeliveryAccepted> redeliverOnPlatform(
            @Parameter(description = "The subscription id") @PathVariable String subscriptionId,
            @Parameter(description = "A deliveryId from the delivery log") @PathVariable String deliveryId,
            Caller caller) {
        return webhooks.redeliver(WebhookOwner.platform(), subscriptionId, deliveryId, caller);
    }

    private Mono<ResponseEntity<CreatedWebhookSubscription>> created(WebhookOwner owner, WebhookRequest request,
            Caller caller) {
        return webhooks.create(owner, request, caller).map(created -> ResponseEntity
                .created(URI.create(owner.path() + "/" + created.subscriptionId())).body(created));
    }

    private static WebhookOwner workspace(String workspaceId) {
        VisibleApplications.requireValidId(workspaceId, "workspace");
        return WebhookOwner.workspace(workspaceId);
    }
}
