package dev.provisioningstatus.gateway.stream;

/** Data of a {@code summary} event: the scope's count after a change. */
public record IssueSummary(int count) implements StreamEventData {
}
