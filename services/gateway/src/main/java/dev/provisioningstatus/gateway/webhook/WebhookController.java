package dev.provisioningstatus.gateway.webhook;

import dev.provisioningstatus.gateway.query.VisibleApplications;
import dev.provisioningstatus.gateway.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
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
@RestController
class WebhookController {

    private static final String WORKSPACE = "/api/workspaces/{workspaceId}/webhooks";
    private static final String PLATFORM = "/api/admin/webhooks";

    private final WebhookSubscriptions webhooks;

    WebhookController(WebhookSubscriptions webhooks) {
        this.webhooks = webhooks;
    }

    @Operation(summary = "Subscribe a URL to a workspace's provisioning transitions (members of the workspace,"
            + " admins); the answer shows the signing secret, once")
    @PostMapping(path = WORKSPACE, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CreatedWebhookSubscription>> createInWorkspace(@PathVariable String workspaceId,
            @RequestBody(required = false) WebhookRequest request, Caller caller) {
        return created(workspace(workspaceId), request, caller);
    }

    @Operation(summary = "A workspace's webhook subscriptions (members of the workspace, admins)")
    @GetMapping(path = WORKSPACE, produces = MediaType.APPLICATION_JSON_VALUE)
    WebhookSubscriptionList listInWorkspace(@PathVariable String workspaceId) {
        return webhooks.list(workspace(workspaceId));
    }

    @Operation(summary = "One webhook subscription of a workspace (members of the workspace, admins)")
    @GetMapping(path = WORKSPACE + "/{subscriptionId}", produces = MediaType.APPLICATION_JSON_VALUE)
    WebhookSubscriptionView getInWorkspace(@PathVariable String workspaceId, @PathVariable String subscriptionId) {
        return webhooks.get(workspace(workspaceId), subscriptionId);
    }

    @Operation(summary = "Delete a webhook subscription of a workspace (members of the workspace, admins)")
    @DeleteMapping(path = WORKSPACE + "/{subscriptionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> deleteInWorkspace(@PathVariable String workspaceId, @PathVariable String subscriptionId) {
        return webhooks.delete(workspace(workspaceId), subscriptionId);
    }

    @Operation(summary = "The latest delivery attempts of a workspace's webhook (members of the workspace, admins)")
    @GetMapping(path = WORKSPACE + "/{subscriptionId}/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
    WebhookDeliveryLog deliveriesInWorkspace(@PathVariable String workspaceId, @PathVariable String subscriptionId) {
        return webhooks.deliveries(workspace(workspaceId), subscriptionId);
    }

    @Operation(summary = "Deliver again, with the same webhook-id, a delivery of a workspace's webhook"
            + " (members of the workspace, admins)")
    @PostMapping(path = WORKSPACE + "/{subscriptionId}/deliveries/{deliveryId}/redeliver",
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<RedeliveryAccepted> redeliverInWorkspace(@PathVariable String workspaceId,
            @PathVariable String subscriptionId, @PathVariable String deliveryId, Caller caller) {
        return webhooks.redeliver(workspace(workspaceId), subscriptionId, deliveryId, caller);
    }

    @Operation(summary = "Subscribe a URL to every application's provisioning transitions, full detail (admins);"
            + " the answer shows the signing secret, once")
    @PostMapping(path = PLATFORM, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CreatedWebhookSubscription>> createOnPlatform(
            @RequestBody(required = false) WebhookRequest request, Caller caller) {
        return created(WebhookOwner.platform(), request, caller);
    }

    @Operation(summary = "The platform-wide webhook subscriptions (admins)")
    @GetMapping(path = PLATFORM, produces = MediaType.APPLICATION_JSON_VALUE)
    WebhookSubscriptionList listOnPlatform() {
        return webhooks.list(WebhookOwner.platform());
    }

    @Operation(summary = "One platform-wide webhook subscription (admins)")
    @GetMapping(path = PLATFORM + "/{subscriptionId}", produces = MediaType.APPLICATION_JSON_VALUE)
    WebhookSubscriptionView getOnPlatform(@PathVariable String subscriptionId) {
        return webhooks.get(WebhookOwner.platform(), subscriptionId);
    }

    @Operation(summary = "Delete a platform-wide webhook subscription (admins)")
    @DeleteMapping(path = PLATFORM + "/{subscriptionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> deleteOnPlatform(@PathVariable String subscriptionId) {
        return webhooks.delete(WebhookOwner.platform(), subscriptionId);
    }

    @Operation(summary = "The latest delivery attempts of a platform-wide webhook (admins)")
    @GetMapping(path = PLATFORM + "/{subscriptionId}/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
    WebhookDeliveryLog deliveriesOnPlatform(@PathVariable String subscriptionId) {
        return webhooks.deliveries(WebhookOwner.platform(), subscriptionId);
    }

    @Operation(summary = "Deliver again, with the same webhook-id, a delivery of a platform-wide webhook (admins)")
    @PostMapping(path = PLATFORM + "/{subscriptionId}/deliveries/{deliveryId}/redeliver",
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<RedeliveryAccepted> redeliverOnPlatform(@PathVariable String subscriptionId,
            @PathVariable String deliveryId, Caller caller) {
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
