package dev.provisioningstatus.gateway.webhook;

import dev.provisioningstatus.events.WebhookTransition;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Body of {@code POST …/webhooks}; validated by {@link WebhookRequestValidator}, whose rules the schema
 * annotations describe.
 *
 * @param url         where to POST deliveries: https, a public address
 * @param transitions any of {@code failed}, {@code partial}, {@code recovered}; at least one
 * @param description optional, for people: what the endpoint is
 */
public record WebhookRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uri", maxLength = 2048,
                example = "https://hooks.example.com/provisioning",
                description = "https, resolving only to public addresses; refused with the reason otherwise")
        String url,
        @ArraySchema(schema = @Schema(implementation = WebhookTransition.class), minItems = 1, uniqueItems = true,
                arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED))
        List<String> transitions,
        @Schema(maxLength = WebhookRequestValidator.MAX_DESCRIPTION_LENGTH, pattern = NO_CONTROL_CHARACTERS,
                example = "On-call channel")
        String description) {

    /** Descriptions hold no control character. */
    static final String NO_CONTROL_CHARACTERS = "^[^\\x00-\\x1F\\x7F-\\x9F]*$";
}
