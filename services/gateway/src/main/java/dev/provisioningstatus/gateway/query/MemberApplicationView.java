package dev.provisioningstatus.gateway.query;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.provisioningstatus.events.ModerateApplication;

/**
 * What a workspace member sees of an application: the contract's moderate view, written as it is.
 * A type of its own beside {@link AdminApplicationView}, so no admin-only field can reach a member's answer.
 */
public record MemberApplicationView(@JsonValue ModerateApplication view) implements ApplicationView {
}
