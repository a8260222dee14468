package dev.provisioningstatus.gateway.registration;

import dev.provisioningstatus.gateway.command.CommandAccepted;
import dev.provisioningstatus.gateway.command.CommandIds;
import dev.provisioningstatus.gateway.command.IdempotencyKeys;
import dev.provisioningstatus.gateway.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.Arrays;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class ApplicationRegistrationController {

    private final ApplicationRegistrar registrar;
    private final ApplicationDeletion deletion;
    private final IdempotencyKeys idempotencyKeys;

    ApplicationRegistrationController(ApplicationRegistrar registrar, ApplicationDeletion deletion,
            IdempotencyKeys idempotencyKeys) {
        this.registrar = registrar;
        this.deletion = deletion;
        this.idempotencyKeys = idempotencyKeys;
    }

    @Operation(summary = "Delete an application: deprovision it everywhere, then remove its view"
            + " (platform-admin or scope applications:write); again after a failed deprovisioning retries it")
    @DeleteMapping(path = "/api/applications/{applicationId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<DeletionAccepted> delete(@PathVariable String applicationId) {
        return deletion.delete(applicationId);
    }

    @Operation(summary = "Register an application and start its provisioning (platform-admin or scope applications:write)")
    @PostMapping(path = "/api/applications", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAccepted>> register(@RequestBody(required = false) RegisterApplicationRequest request,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey, Caller caller) {
        return idempotencyKeys.once(caller.subject(), idempotencyKey, Arrays.asList("register", request),
                        () -> registrar.register(request, caller, new CommandIds(caller.subject(), idempotencyKey)))
                .map(accepted -> ResponseEntity
                        .created(URI.create("/api/applications/" + accepted.applicationId() + "/provisioning"))
                        .body(accepted));
    }
}
