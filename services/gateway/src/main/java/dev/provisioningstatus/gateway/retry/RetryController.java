package dev.provisioningstatus.gateway.retry;

import dev.provisioningstatus.gateway.command.CommandAccepted;
import dev.provisioningstatus.gateway.command.CommandIds;
import dev.provisioningstatus.gateway.command.IdempotencyKeys;
import dev.provisioningstatus.gateway.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import dev.provisioningstatus.gateway.api.ApiDocs;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@Tag(name = "Commands", description = "Requests that provisioning be done again, or started, or undone")
@RestController
class RetryController {

    private final ProvisioningRetries retries;
    private final IdempotencyKeys idempotencyKeys;

    RetryController(ProvisioningRetries retries, IdempotencyKeys idempotencyKeys) {
        this.retries = retries;
        this.idempotencyKeys = idempotencyKeys;
    }

    @Operation(operationId = "retryProvisioning",
            summary = "Retry an application's failed environments (members of its workspace, admins); 409 while in progress")
    @ApiResponse(responseCode = "202", description = "The retry command was sent", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    @ApiResponse(responseCode = "422", ref = ApiDocs.UNPROCESSABLE_CONTENT)
    @ApiResponse(responseCode = "429", ref = ApiDocs.TOO_MANY_REQUESTS)
    @ApiResponse(responseCode = "503", ref = ApiDocs.SERVICE_UNAVAILABLE)
    @PostMapping(path = "/api/applications/{applicationId}/provisioning/retry", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<CommandAccepted> retry(@Parameter(ref = ApiDocs.APPLICATION_ID) @PathVariable String applicationId,
            @Parameter(ref = ApiDocs.IDEMPOTENCY_KEY)
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey, Caller caller) {
        return idempotencyKeys.once(caller.subject(), idempotencyKey, List.of("retry", applicationId),
                () -> retries.retry(applicationId, caller, new CommandIds(caller.subject(), idempotencyKey)));
    }

    @Operation(operationId = "retryFailedProvisioning",
            summary = "Retry every failed application, and partial ones with includePartial (admins)")
    @ApiResponse(responseCode = "202", description = "The commands were sent, all in one transaction",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "413", ref = ApiDocs.CONTENT_TOO_LARGE)
    @ApiResponse(responseCode = "415", ref = ApiDocs.UNSUPPORTED_MEDIA_TYPE)
    @ApiResponse(responseCode = "422", ref = ApiDocs.UNPROCESSABLE_CONTENT)
    @ApiResponse(responseCode = "429", ref = ApiDocs.TOO_MANY_REQUESTS)
    @ApiResponse(responseCode = "503", ref = ApiDocs.SERVICE_UNAVAILABLE)
    @PostMapping(path = "/api/admin/provisioning/retry-failed", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<BulkRetryResult> retryFailed(@RequestBody(required = false) BulkRetryRequest request,
            @Parameter(ref = ApiDocs.IDEMPOTENCY_KEY)
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey, Caller caller) {
        boolean includePartial = request != null && request.partialIncluded();
        return idempotencyKeys.once(caller.subject(), idempotencyKey, List.of("retry-failed", includePartial),
                () -> retries.retryFailed(includePartial, caller, new CommandIds(caller.subject(), idempotencyKey)));
    }
}
