package dev.provisioningstatus.notifier.delivery;

/**
 * How one HTTP attempt ended.
 *
 * @param statusCode the receiver's status, {@code null} when no answer came
 * @param error why it failed, in words safe for the subscriber; {@code null} when delivered
 */
public record AttemptResult(Integer statusCode, long latencyMs, String error) {

    /** A 2xx answer: delivered. Anything else, redirects included, is a failure. */
    public boolean delivered() {
        return error == null;
    }

    static AttemptResult answered(int statusCode, long latencyMs, String body) {
        if (statusCode >= 200 && statusCode < 300) {
            return new AttemptResult(statusCode, latencyMs, null);
        }
        String error = "HTTP " + statusCode + (body.isBlank() ? "" : ": " + body.strip());
        return new AttemptResult(statusCode, latencyMs, error.length() > 500 ? error.substring(0, 500) : error);
    }

    static AttemptResult failed(long latencyMs, String error) {
        return new AttemptResult(null, latencyMs, error);
    }
}
