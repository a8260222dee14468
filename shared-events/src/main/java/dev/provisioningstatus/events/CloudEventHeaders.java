package dev.provisioningstatus.events;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary mode: the event's attributes travel as
 * {@code ce_*} headers and the record value is the plain JSON data, so a consumer in any
 * language can read either.
 */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {
    }

    public static void write(Headers headers, ContractEvent event, String source) {
        set(headers, SPEC_VERSION, "1.0");
        set(headers, ID, event.eventId());
        set(headers, TYPE, event.eventType());
        set(headers, SOURCE, source);
        set(headers, SUBJECT, event.subject());
        set(headers, TIME, DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()));
        set(headers, CONTENT_TYPE, "application/json");
    }

    /** The header's value as text, or {@code null} when absent. */
    public static String read(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void set(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
