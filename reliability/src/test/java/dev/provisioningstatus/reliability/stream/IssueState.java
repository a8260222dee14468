package dev.provisioningstatus.reliability.stream;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** What a widget holds from a stream: the applications in scope by id, and the banner count. */
final class IssueState {

    private final Map<String, JsonNode> applications = new TreeMap<>();
    private Integer count;

    /** Applies one event; {@code false} for {@code resync} (the state is dropped: reconnect without a cursor). */
    boolean apply(SseConnection.Event event) {
        switch (event.type()) {
            case "snapshot" -> {
                applications.clear();
                event.data().path("applications").forEach(application ->
                        applications.put(application.path("applicationId").asString(), application));
                count = event.data().path("count").asInt();
            }
            case "status" -> {
                JsonNode application = event.data().path("application");
                String applicationId = event.data().path("applicationId").asString();
                if (application.isNull() || application.isMissingNode()) {
                    applications.remove(applicationId);
                } else {
                    applications.put(applicationId, application);
                }
            }
            case "summary" -> count = event.data().path("count").asInt();
            case "resync" -> {
                applications.clear();
                count = null;
                return false;
            }
            default -> throw new IllegalStateException("unexpected event type " + event.type());
        }
        return true;
    }

    /** A canonical text of the state, for comparing two clients' states at the same cursor. */
    String canonical() {
        return canonical(applications, count);
    }

    static String canonical(Map<String, JsonNode> applications, Integer count) {
        return "count=" + count + " " + new TreeMap<>(applications);
    }

    Map<String, JsonNode> applications() {
        return Map.copyOf(applications);
    }
}
