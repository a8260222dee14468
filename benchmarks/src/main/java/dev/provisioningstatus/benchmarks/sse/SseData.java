package dev.provisioningstatus.benchmarks.sse;

/**
 * Reads the few members a benchmark needs from an SSE event's JSON without parsing all of it: a
 * {@code status} event's data starts with {@code applicationId}, and in the application the first
 * {@code status} and {@code attempt} members are the top-level ones (environments come last).
 */
public final class SseData {

    private SseData() {
    }

    public static String text(String json, String member) {
        String key = "\"" + member + "\":\"";
        int start = json.indexOf(key);
        if (start < 0) {
            return null;
        }
        start += key.length();
        int end = json.indexOf('"', start);
        return end < 0 ? null : json.substring(start, end);
    }

    public static int integer(String json, String member) {
        String key = "\"" + member + "\":";
        int start = json.indexOf(key);
        if (start < 0) {
            return -1;
        }
        start += key.length();
        int end = start;
        while (end < json.length() && Character.isDigit(json.charAt(end))) {
            end++;
        }
        return end == start ? -1 : Integer.parseInt(json.substring(start, end));
    }
}
