package dev.provisioningstatus.gateway.stream;

/** The {@code data} of an event of the issue streams, one type per event name. */
public sealed interface StreamEventData permits Snapshot, StatusUpdate, IssueSummary, Resync {
}
