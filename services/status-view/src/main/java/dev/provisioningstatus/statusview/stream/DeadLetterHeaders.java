package dev.provisioningstatus.statusview.stream;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Headers that say why a record is on the dead-letter topic. The names are those of Kafka Streams'
 * own dead-letter queue (KIP-1034, Kafka 4.2), so DLQ tooling reads both alike.
 */
public final class DeadLetterHeaders {

    /** Class of the exception that made the record unreadable. */
    public static final String EXCEPTION = "__streams.errors.exception";
    /** Why the record is unreadable, for humans. */
    public static final String MESSAGE = "__streams.errors.message";
    public static final String TOPIC = "__streams.errors.topic";
    public static final String PARTITION = "__streams.errors.partition";
    public static final String OFFSET = "__streams.errors.offset";

    private DeadLetterHeaders() {
    }

    /** The original headers, kept as they were, plus the error headers. */
    static Headers describing(Headers original, Exception error, RecordMetadata source) {
        Headers headers = new RecordHeaders(original.toArray());
        set(headers, EXCEPTION, error.getClass().getName());
        set(headers, MESSAGE, String.valueOf(error.getMessage()));
        if (source != null) {
            set(headers, TOPIC, source.topic());
            set(headers, PARTITION, Integer.toString(source.partition()));
            set(headers, OFFSET, Long.toString(source.offset()));
        }
        return headers;
    }

    private static void set(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
