package dev.provisioningstatus.statusview.stream;

import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.AttemptRecord;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentCondition;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.EventJson;
import dev.provisioningstatus.events.FailureReason;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.statusview.view.ApplicationFoldState;
import dev.provisioningstatus.statusview.view.Deletion;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The fold state in the store and its changelog, in a compact binary form: the state is read and written
 * on every input, and JSON made that the fold's biggest cost. The first byte is the format version; the
 * fields follow in the record's order. Strings are a length (-1: null) and UTF-8 bytes, times are epoch
 * seconds and nanoseconds (a presence byte first where they may be null), enums their constant names, lists a
 * count and their elements.
 *
 * <p>To add a field: append it, raise {@link #VERSION}, and make the reader give an older version's bytes
 * the field's default; the golden test keeps each version's bytes readable. Values written as JSON by the
 * service's earlier releases (first byte {@code '{'}) are still read, so an upgrade keeps its state.
 */
final class FoldStateSerde implements Serde<ApplicationFoldState> {

    static final byte VERSION = 1;

    private static final byte JSON_START = '{';

    @Override
    public Serializer<ApplicationFoldState> serializer() {
        return (topic, state) -> state == null ? null : write(state);
    }

    @Override
    public Deserializer<ApplicationFoldState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(ApplicationFoldState state) {
        Writer out = new Writer();
        out.octet(VERSION);
        out.string(state.applicationId());
        ApplicationRegistered registration = state.registration();
        out.bool(registration != null);
        if (registration != null) {
            out.string(registration.eventId());
            out.string(registration.applicationId());
            out.string(registration.name());
            out.string(registration.workspaceId());
            out.string(registration.workspaceName());
            out.enums(registration.environments());
            out.instant(registration.occurredAt());
        }
        out.string(state.workflowId());
        out.integer(state.attempt());
        out.instant(state.lastAttemptAt());
        out.bool(state.attemptStarted());
        out.enums(state.attemptEnvironments());
        out.enumValue(state.attemptFinishedStatus());
        out.integer(state.conditions().size());
        for (EnvironmentCondition condition : state.conditions()) {
            out.enumValue(condition.environment());
            out.enumValue(condition.status());
            out.enumValue(condition.reason());
            out.string(condition.message());
            out.string(condition.errorDetail());
            out.bool(condition.retryable());
            out.string(condition.virtualClusterId());
            out.integer(condition.attempt());
            out.instant(condition.lastTransitionTime());
            out.integer(condition.history().size());
            for (AttemptRecord record : condition.history()) {
                out.integer(record.attempt());
                out.enumValue(record.status());
                out.enumValue(record.reason());
                out.string(record.message());
                out.instant(record.at());
            }
        }
        out.strings(state.recentEventIds());
        out.instant(state.updatedAt());
        out.longValue(state.version());
        out.string(state.incarnation());
        out.strings(state.retiredIncarnations());
        Deletion deletion = state.deletion();
        out.bool(deletion != null);
        if (deletion != null) {
            out.integer(deletion.attempt());
            out.bool(deletion.attemptFinished());
        }
        return out.bytes();
    }

    static ApplicationFoldState read(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == JSON_START) {
            return EventJson.MAPPER.readValue(bytes, ApplicationFoldState.class);
        }
        try {
            return readBinary(ByteBuffer.wrap(bytes));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new SerializationException("unreadable fold state: " + e);
        }
    }

    private static ApplicationFoldState readBinary(ByteBuffer in) {
        byte format = in.get();
        if (format != VERSION) {
            throw new SerializationException("fold state format " + format + " is newer than this release reads ("
                    + VERSION + ")");
        }
        String applicationId = string(in);
        ApplicationRegistered registration = in.get() == 0 ? null : new ApplicationRegistered(string(in),
                string(in), string(in), string(in), string(in), enums(in, Environment::valueOf), instant(in));
        String workflowId = string(in);
        int attempt = in.getInt();
        Instant lastAttemptAt = instant(in);
        boolean attemptStarted = in.get() != 0;
        List<Environment> attemptEnvironments = enums(in, Environment::valueOf);
        ProvisioningStatus attemptFinishedStatus = enumValue(in, ProvisioningStatus::valueOf);
        int conditionCount = in.getInt();
        List<EnvironmentCondition> conditions = new ArrayList<>(conditionCount);
        for (int i = 0; i < conditionCount; i++) {
            Environment environment = enumValue(in, Environment::valueOf);
            EnvironmentStatus status = enumValue(in, EnvironmentStatus::valueOf);
            FailureReason reason = enumValue(in, FailureReason::valueOf);
            String message = string(in);
            String errorDetail = string(in);
            boolean retryable = in.get() != 0;
            String virtualClusterId = string(in);
            int conditionAttempt = in.getInt();
            Instant lastTransitionTime = instant(in);
            int historyCount = in.getInt();
            List<AttemptRecord> history = new ArrayList<>(historyCount);
            for (int j = 0; j < historyCount; j++) {
                history.add(new AttemptRecord(in.getInt(), enumValue(in, EnvironmentStatus::valueOf),
                        enumValue(in, FailureReason::valueOf), string(in), instant(in)));
            }
            conditions.add(new EnvironmentCondition(environment, status, reason, message, errorDetail, retryable,
                    virtualClusterId, conditionAttempt, lastTransitionTime, history));
        }
        List<String> recentEventIds = strings(in);
        Instant updatedAt = instant(in);
        long version = in.getLong();
        String incarnation = string(in);
        List<String> retiredIncarnations = strings(in);
        Deletion deletion = in.get() == 0 ? null : new Deletion(in.getInt(), in.get() != 0);
        return new ApplicationFoldState(applicationId, registration, workflowId, attempt, lastAttemptAt,
                attemptStarted, attemptEnvironments, attemptFinishedStatus, conditions, recentEventIds, updatedAt,
                version, incarnation, retiredIncarnations, deletion);
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        String value = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }

    private static List<String> strings(ByteBuffer in) {
        int count = in.getInt();
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(string(in));
        }
        return values;
    }

    private static Instant instant(ByteBuffer in) {
        return in.get() == 0 ? null : Instant.ofEpochSecond(in.getLong(), in.getInt());
    }

    private static <E extends Enum<E>> E enumValue(ByteBuffer in, Function<String, E> byName) {
        String name = string(in);
        return name == null ? null : byName.apply(name);
    }

    private static <E extends Enum<E>> List<E> enums(ByteBuffer in, Function<String, E> byName) {
        int count = in.getInt();
        List<E> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(byName.apply(string(in)));
        }
        return values;
    }

    /** A growing buffer; a state is a few hundred bytes, a few kilobytes with error details. */
    private static final class Writer {

        private ByteBuffer buffer = ByteBuffer.allocate(512);

        void octet(byte value) {
            ensure(1);
            buffer.put(value);
        }

        void bool(boolean value) {
            octet((byte) (value ? 1 : 0));
        }

        void integer(int value) {
            ensure(4);
            buffer.putInt(value);
        }

        void longValue(long value) {
            ensure(8);
            buffer.putLong(value);
        }

        void string(String value) {
            if (value == null) {
                integer(-1);
                return;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            ensure(4 + utf8.length);
            buffer.putInt(utf8.length);
            buffer.put(utf8);
        }

        void strings(List<String> values) {
            integer(values.size());
            values.forEach(this::string);
        }

        void instant(Instant value) {
            ensure(13);
            buffer.put((byte) (value == null ? 0 : 1));
            if (value != null) {
                buffer.putLong(value.getEpochSecond());
                buffer.putInt(value.getNano());
            }
        }

        void enumValue(Enum<?> value) {
            string(value == null ? null : value.name());
        }

        void enums(List<? extends Enum<?>> values) {
            integer(values.size());
            values.forEach(this::enumValue);
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer.array(), buffer.position());
        }

        private void ensure(int more) {
            if (buffer.remaining() < more) {
                ByteBuffer larger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more + 64));
                buffer.flip();
                larger.put(buffer);
                buffer = larger;
            }
        }
    }
}
