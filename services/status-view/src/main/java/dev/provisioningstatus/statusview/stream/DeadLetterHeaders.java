package dev.provisioningstatus.statusview.stream;

import dev.provisioningstatus.events.DeadLetterHeaderNames;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Headers that say why a record is on the dead-letter topic. The names are those of Kafka Streams'
 * own dead-letter queue (KIP-1034, Kafka 4.2), so DLQ tooling reads both alike; the contract holds
 * them ({@link DeadLetterHeaderNames}).
 */
public final class DeadLetterHeaders {

    public static final String EXCEPTION = DeadLetterHeaderNames.STREAMS_EXCEPTION;
    public static final String MESSAGE = DeadLetterHeaderNames.STREAMS_MESSAGE;
    public static final String TOPIC = DeadLetterHeaderNames.STREAMS_TOPIC;
    public static final String PARTITION = DeadLetterHeaderNames.STREAMS_PARTITION;
    public static final String OFFSET = DeadLetterHeaderNames.STREAMS_OFFSET;

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
