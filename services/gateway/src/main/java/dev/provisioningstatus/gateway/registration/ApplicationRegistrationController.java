package dev.provisioningstatus.gateway.registration;

import dev.provisioningstatus.gateway.command.CommandAccepted;
import dev.provisioningstatus.gateway.command.CommandIds;
import dev.provisioningstatus.gateway.command.IdempotencyKeys;
import dev.provisioningstatus.gateway.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import dev.provisioningstatus.gateway.api.ApiDocs;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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

@Tag(name = "Commands", description = "Requests that provisioning be done again, or started, or undone")
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
            + " (platform-admin or scope applications:write); again after a failed deprovisioning retries it",
            operationId = "deleteApplication")
    @ApiResponse(responseCode = "202", description = "The deletion was recorded; deprovisioning follows",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    @ApiResponse(responseCode = "503", ref = ApiDocs.SERVICE_UNAVAILABLE)
    @DeleteMapping(path = "/api/applications/{applicationId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<DeletionAccepted> delete(@Parameter(ref = ApiDocs.APPLICATION_ID) @PathVariable String applicationId) {
        return deletion.delete(applicationId);
    }

    @Operation(operationId = "registerApplication",
            summary = "Register an application and start its provisioning (platform-admin or scope applications:write)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true))
    @ApiResponse(responseCode = "201", description = "Registered; its first provisioning attempt starts",
            headers = @Header(name = "Location", ref = ApiDocs.LOCATION), useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    @ApiResponse(responseCode = "413", ref = ApiDocs.CONTENT_TOO_LARGE)
    @ApiResponse(responseCode = "415", ref = ApiDocs.UNSUPPORTED_MEDIA_TYPE)
    @ApiResponse(responseCode = "422", ref = ApiDocs.UNPROCESSABLE_CONTENT)
    @ApiResponse(responseCode = "503", ref = ApiDocs.SERVICE_UNAVAILABLE)
    @PostMapping(path = "/api/applications", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CommandAccepted>> register(@RequestBody(required = false) RegisterApplicationRequest request,
            @Parameter(ref = ApiDocs.IDEMPOTENCY_KEY)
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey, Caller caller) {
        return idempotencyKeys.once(caller.subject(), idempotencyKey, Arrays.asList("register", request),
                        () -> registrar.register(request, caller, new CommandIds(caller.subject(), idempotencyKey)))
                .map(accepted -> ResponseEntity
                        .created(URI.create("/api/applications/" + accepted.applicationId() + "/provisioning"))
                        .body(accepted));
    }
}
