package dev.provisioningstatus.gateway.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.BaseSubscriber;

/**
 * A stream's client as its socket would be: it takes bytes while {@link #writable} is set, and
 * holds the events it got, parsed.
 */
final class TestSubscriber extends BaseSubscriber<DataBuffer> {

    record Event(String type, String id, String data) {
    }

    volatile boolean writable = true;
    private final StringBuilder text = new StringBuilder();
    private volatile boolean completed;

    DataBuffer wrap(ByteBuffer block) {
        return DefaultDataBufferFactory.sharedInstance.wrap(block);
    }

    boolean writable() {
        return writable;
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        request(Long.MAX_VALUE);
    }

    @Override
    protected synchronized void hookOnNext(DataBuffer buffer) {
        text.append(buffer.toString(StandardCharsets.UTF_8));
    }

    @Override
    protected void hookOnComplete() {
        completed = true;
    }

    boolean completed() {
        return completed;
    }

    synchronized String text() {
        return text.toString();
    }

    /** The named events so far, comments left out. */
    synchronized List<Event> events() {
        List<Event> events = new ArrayList<>();
        for (String block : text.toString().split("\n\n")) {
            String type = null;
            String id = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    type = line.substring(6);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3);
                } else if (line.startsWith("data:")) {
                    data = line.substring(5);
                }
            }
            if (type != null) {
                events.add(new Event(type, id, data));
            }
        }
        return events;
    }

    List<String> types() {
        return events().stream().map(Event::type).toList();
    }

    /** The id of the last event that had one. */
    String lastId() {
        List<Event> events = events();
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).id() != null) {
                return events.get(i).id();
            }
        }
        return null;
    }
}
