package dev.provisioningstatus.gateway.registration;

import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.Ids;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Body of {@code POST /api/applications}; validated by {@link ApplicationRegistrationValidator},
 * whose rules the schema annotations describe.
 *
 * @param applicationId optional; generated from {@code name} when absent
 */
public record RegisterApplicationRequest(
        @Schema(pattern = Ids.PATTERN, example = "payments-service",
                description = "Generated from the name when absent")
        String applicationId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1,
                maxLength = ApplicationRegistrationValidator.MAX_NAME_LENGTH, pattern = NO_CONTROL_CHARACTERS,
                example = "Payments service")
        String name,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = Ids.PATTERN, example = "payments")
        String workspaceId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1,
                maxLength = ApplicationRegistrationValidator.MAX_NAME_LENGTH, pattern = NO_CONTROL_CHARACTERS,
                example = "Payments")
        String workspaceName,
        @ArraySchema(schema = @Schema(implementation = Environment.class), minItems = 1, uniqueItems = true,
                arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED))
        List<String> environments) {

    /** Names are not blank (minLength and the validator) and hold no control character. */
    static final String NO_CONTROL_CHARACTERS = "^[^\\x00-\\x1F\\x7F-\\x9F]*$";
}
