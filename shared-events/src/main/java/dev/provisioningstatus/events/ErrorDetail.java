package dev.provisioningstatus.events;

/** Full error text is for admins and debugging, but it must not grow records without bound. */
public final class ErrorDetail {

    /** Characters kept of an error detail; Kafka's default record limit is ~1 MB, this stays far below. */
    public static final int MAX_CHARS = 8_192;
    static final String TRUNCATION_MARK = "\n… [truncated]";

    private ErrorDetail() {
    }

    public static String cap(String detail) {
        if (detail == null || detail.length() <= MAX_CHARS) {
            return detail;
        }
        return detail.substring(0, MAX_CHARS - TRUNCATION_MARK.length()) + TRUNCATION_MARK;
    }
}
