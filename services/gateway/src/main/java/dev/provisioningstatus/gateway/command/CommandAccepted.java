package dev.provisioningstatus.gateway.command;

import io.swagger.v3.oas.annotations.media.Schema;

/** Answer of a request that produced a provisioning command. */
public record CommandAccepted(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String applicationId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String commandId) {
}
