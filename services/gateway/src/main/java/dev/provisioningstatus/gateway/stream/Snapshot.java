package dev.provisioningstatus.gateway.stream;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.provisioningstatus.gateway.query.IssueList;

/** Data of a {@code snapshot} event: the scope's list, exactly as the list route answers it. */
public record Snapshot(@JsonValue IssueList list) implements StreamEventData {
}
