package dev.provisioningstatus.gateway.retry;

import dev.provisioningstatus.gateway.command.CommandAccepted;
import dev.provisioningstatus.gateway.command.CommandIds;
import dev.provisioningstatus.gateway.command.IdempotencyKeys;
import dev.provisioningstatus.gateway.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
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

@RestController
class RetryController {

    private final ProvisioningRetries retries;
    private final IdempotencyKeys idempotencyKeys;

    RetryController(ProvisioningRetries retries, IdempotencyKeys idempotencyKeys) {
        this.retries = retries;
        this.idempotencyKeys = idempotencyKeys;
    }

    @Operation(summary = "Retry an application's failed environments (members of its workspace, admins); 409 while in progress")
    @PostMapping(path = "/api/applications/{applicationId}/provisioning/retry", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<CommandAccepted> retry(@PathVariable String applicationId,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey, Caller caller) {
        return idempotencyKeys.once(caller.subject(), idempotencyKey, List.of("retry", applicationId),
                () -> retries.retry(applicationId, caller, new CommandIds(caller.subject(), idempotencyKey)));
    }

    @Operation(summary = "Retry every failed application, and partial ones with includePartial (admins)")
    @PostMapping(path = "/api/admin/provisioning/retry-failed", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<BulkRetryResult> retryFailed(@RequestBody(required = false) BulkRetryRequest request,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey, Caller caller) {
        boolean includePartial = request != null && request.partialIncluded();
        return idempotencyKeys.once(caller.subject(), idempotencyKey, List.of("retry-failed", includePartial),
                () -> retries.retryFailed(includePartial, caller, new CommandIds(caller.subject(), idempotencyKey)));
    }
}
