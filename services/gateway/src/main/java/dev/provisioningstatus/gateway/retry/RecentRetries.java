package dev.provisioningstatus.gateway.retry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers the retry command sent for each application's current view version. Until the view
 * moves on (the worker reports the new attempt), asking again answers with the same command
 * instead of sending another: double clicks and impatient callers are harmless. Bounded: the
 * oldest entries are forgotten first.
 */
final class RecentRetries {

    private record Sent(long version, String commandId) {
    }

    private final Map<String, Sent> byApplication;

    RecentRetries(int capacity) {
        this.byApplication = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Sent> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Reserves {@code commandId} for the application at {@code version}.
     *
     * @return the command already reserved for that version, or empty when {@code commandId} got it
     */
    synchronized Optional<String> reserve(String applicationId, long version, String commandId) {
        Sent sent = byApplication.get(applicationId);
        if (sent != null && sent.version() == version) {
            return Optional.of(sent.commandId());
        }
        byApplication.put(applicationId, new Sent(version, commandId));
        return Optional.empty();
    }

    /** Gives a reservation back when its command could not be sent. */
    synchronized void release(String applicationId, String commandId) {
        Sent sent = byApplication.get(applicationId);
        if (sent != null && sent.commandId().equals(commandId)) {
            byApplication.remove(applicationId);
        }
    }
}
