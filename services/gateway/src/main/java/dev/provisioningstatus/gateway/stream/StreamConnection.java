package dev.provisioningstatus.gateway.stream;

import dev.provisioningstatus.gateway.query.Detail;
import dev.provisioningstatus.gateway.query.IssueScope;
import dev.provisioningstatus.gateway.view.ViewPosition;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Operators;

/**
 * One subscriber's stream, as the bytes its response writes (as the connection's buffers,
 * {@code T}). It holds its scope, its detail and its cursor, nothing of the changes themselves:
 * a change is written when its turn comes on the connection's writer if the socket takes bytes,
 * or not at all; a subscriber that could not take one is behind and catches up from its cursor
 * through the index once it takes bytes again (see {@link IssueStream}).
 *
 * <p>Every write happens under this object's lock, so live writes (on the writer) and the
 * catch-up (on the catch-up thread) never interleave.
 */
final class StreamConnection<T> implements Publisher<T>, Subscription {

    private final IssueScope scope;
    private final Detail detail;
    private final Function<ByteBuffer, T> wrap;
    private final BooleanSupplier socketWritable;
    private final Executor writer;
    private final boolean resyncOnly;
    private final long expiresAtNanos;
    private final IssueStream stream;
    private long demand;
    private Subscriber<? super T> subscriber;
    private ViewPosition cursor;
    private boolean live;
    private boolean done;
    private long lastWriteNanos;
    private long behindSinceNanos;

    /**
     * @param cursor     where the client is, {@code null} for one that starts with a snapshot
     * @param resyncOnly the client's cursor is of no use: it is told to resync, and the stream ends
     */
    StreamConnection(IssueScope scope, Detail detail, ViewPosition cursor, boolean resyncOnly,
            Function<ByteBuffer, T> wrap, BooleanSupplier socketWritable, Executor writer, long expiresAtNanos,
            IssueStream stream) {
        this.resyncOnly = resyncOnly;
        this.scope = scope;
        this.detail = detail;
        this.cursor = cursor;
        this.wrap = wrap;
        this.socketWritable = socketWritable;
        this.writer = writer;
        this.expiresAtNanos = expiresAtNanos;
        this.stream = stream;
    }

    /** Where live changes are written from: the connection's event loop, so that a write needs no hand-off. */
    Executor writer() {
        return writer;
    }

    IssueScope scope() {
        return scope;
    }

    Detail detail() {
        return detail;
    }

    boolean resyncOnly() {
        return resyncOnly;
    }

    long expiresAtNanos() {
        return expiresAtNanos;
    }

    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        synchronized (this) {
            if (this.subscriber != null) {
                Operators.error(subscriber, new IllegalStateException("a stream has one subscriber"));
                return;
            }
            this.subscriber = subscriber;
        }
        subscriber.onSubscribe(this);
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            return;
        }
        boolean first;
        synchronized (this) {
            first = demand == 0 && lastWriteNanos == 0;
            demand = Operators.addCap(demand, n);
        }
        if (first || !isLive()) {
            stream.wake(this);
        }
    }

    @Override
    public void cancel() {
        synchronized (this) {
            done = true;
        }
        stream.closed(this);
    }

    synchronized boolean isLive() {
        return live && !done;
    }

    synchronized boolean isDone() {
        return done;
    }

    synchronized ViewPosition cursor() {
        return cursor;
    }

    /** Whether a write would go out now: the response asks for more and the socket takes bytes. */
    synchronized boolean canWrite() {
        return !done && subscriber != null && demand > 0 && socketWritable.getAsBoolean();
    }

    /** Writes {@code block} if it can go out now; whether it did. */
    synchronized boolean write(ByteBuffer block) {
        if (!canWrite()) {
            return false;
        }
        demand--;
        lastWriteNanos = System.nanoTime() | 1;
        subscriber.onNext(wrap.apply(block.duplicate()));
        return true;
    }

    /** Opening comment sent before anything else, whatever the socket's state: a response with no bytes sends no headers. */
    synchronized void open(ByteBuffer opening) {
        if (lastWriteNanos == 0) {
            write(opening);
        }
    }

    /**
     * A change reached this subscriber's scope: written if it can go out, else the subscriber is
     * behind. Nothing if its cursor is already there: a catch-up between the change and this call
     * brought it.
     */
    synchronized void offer(ViewPosition position, ByteBuffer block) {
        if (!isLive() || cursor.reached(position)) {
            return;
        }
        if (write(block)) {
            cursor = position;
        } else {
            live = false;
            behindSinceNanos = System.nanoTime() | 1;
            stream.fellBehind(this);
        }
    }

    /** A change of the topic that does not concern this scope: the cursor moves on with it. */
    synchronized void skip(ViewPosition position) {
        if (isLive() && !cursor.reached(position)) {
            cursor = position;
        }
    }

    /** Caught up to {@code position} with {@code block}; live from here on. */
    synchronized boolean catchUp(ViewPosition position, ByteBuffer block) {
        if (!write(block)) {
            return false;
        }
        cursor = position;
        live = true;
        behindSinceNanos = 0;
        return true;
    }

    /** Whether it fell behind at least {@code timeoutNanos} ago and has not been able to take a byte since. */
    synchronized boolean stalledFor(long now, long timeoutNanos) {
        return behindSinceNanos != 0 && now - behindSinceNanos >= timeoutNanos && !canWrite();
    }

    synchronized boolean heartbeatDue(long now, long intervalNanos) {
        return isLive() && now - lastWriteNanos >= intervalNanos;
    }

    /** Ends the stream, with a last block when one is given and it can go out. */
    void end(ByteBuffer last) {
        Subscriber<? super T> ended;
        synchronized (this) {
            if (done) {
                return;
            }
            if (last != null) {
                write(last);
            }
            done = true;
            ended = subscriber;
        }
        if (ended != null) {
            ended.onComplete();
        }
        stream.closed(this);
    }
}
