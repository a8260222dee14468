package dev.provisioningstatus.gateway.stream;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Data of a {@code status} event; {@code application} is {@code null} when it left the scope. */
public record StatusUpdate(String applicationId, @JsonInclude(JsonInclude.Include.ALWAYS) Object application) {
}
