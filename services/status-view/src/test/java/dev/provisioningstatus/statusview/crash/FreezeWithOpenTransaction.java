package dev.provisioningstatus.statusview.crash;

import dev.provisioningstatus.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A producer interceptor for the instance the crash test kills: it freezes the Streams producer at a
 * moment when a view is in the log of {@code provisioning.status} but its transaction can never commit,
 * and says so on standard output; the test then kills the JVM. It reads and changes no record.
 *
 * <p>Once the {@code after-views}-th view of an application id starting with {@code key-prefix} was sent
 * (system properties {@value #AFTER_VIEWS} and {@value #KEY_PREFIX}), the next acknowledgement of a
 * {@code provisioning.status} record blocks the producer's I/O thread for good. An acknowledged record is
 * in the partition's log; a transaction commits only after the producer has flushed, that is after every
 * acknowledgement of its records has returned. So the transaction of the record whose acknowledgement
 * never returns stays open until the broker aborts it, exactly as if the JVM had died at that instant.
 */
public final class FreezeWithOpenTransaction implements ProducerInterceptor<byte[], byte[]> {

    static final String KEY_PREFIX = "crash-test.key-prefix";
    static final String AFTER_VIEWS = "crash-test.after-views";
    /** Followed by {@code <partition>@<offset>} of the view whose transaction stays open. */
    static final String FROZEN = "FROZEN WITH AN OPEN TRANSACTION: provisioning.status ";

    private static final String STATUS_TOPIC = Topics.PROVISIONING_STATUS.name();
    private static final AtomicLong viewsSent = new AtomicLong();
    private static volatile boolean armed;

    private String keyPrefix;
    private long afterViews;

    @Override
    public void configure(Map<String, ?> configs) {
        keyPrefix = System.getProperty(KEY_PREFIX);
        afterViews = Long.parseLong(System.getProperty(AFTER_VIEWS));
    }

    @Override
    public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
        if (record.topic().equals(STATUS_TOPIC) && record.key() != null
                && new String(record.key(), StandardCharsets.UTF_8).startsWith(keyPrefix)
                && viewsSent.incrementAndGet() == afterViews) {
            armed = true;
        }
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        if (armed && exception == null && metadata.topic().equals(STATUS_TOPIC)) {
            System.out.println(FROZEN + metadata.partition() + "@" + metadata.offset());
            System.out.flush();
            while (true) {
                LockSupport.park(this);
            }
        }
    }

    @Override
    public void close() {
        // holds nothing
    }
}
