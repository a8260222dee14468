package dev.provisioningstatus.gateway.registration;

import io.swagger.v3.oas.annotations.media.Schema;

/** The deletion was committed; the application's view follows its deprovisioning until it is gone. */
public record DeletionAccepted(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String applicationId) {
}
