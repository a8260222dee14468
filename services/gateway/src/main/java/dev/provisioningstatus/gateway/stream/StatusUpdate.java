package dev.provisioningstatus.gateway.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.provisioningstatus.gateway.query.ApplicationView;

/** Data of a {@code status} event; {@code application} is {@code null} when it left the scope. */
public record StatusUpdate(String applicationId, @JsonInclude(JsonInclude.Include.ALWAYS) ApplicationView application)
        implements StreamEventData {
}
