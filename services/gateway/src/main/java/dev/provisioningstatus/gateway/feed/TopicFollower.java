package dev.provisioningstatus.gateway.feed;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A thread that reads topics into memory and follows them: a subclass says how ({@link #follow}); this class
 * runs it, starts over with a fresh consumer after a failure, and wakes the consumer on stop so that a
 * shutdown does not wait for a poll.
 */
public abstract class TopicFollower implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String threadName;
    private final String topics;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Duration retryBackoff;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile Consumer<String, byte[]> consumer;
    private Thread thread;

    /** @param topics what the follower reads, as log lines name it */
    protected TopicFollower(String threadName, String topics, Supplier<Consumer<String, byte[]>> consumers,
            Duration retryBackoff) {
        this.threadName = threadName;
        this.topics = topics;
        this.consumers = consumers;
        this.retryBackoff = retryBackoff;
    }

    /** Reads with {@code opened} until {@link #isRunning()} turns false; may throw to start over. */
    protected abstract void follow(Consumer<String, byte[]> opened);

    public final boolean isCaughtUp() {
        return caughtUp;
    }

    protected final void markCaughtUp() {
        caughtUp = true;
    }

    protected final Duration retryBackoff() {
        return retryBackoff;
    }

    @Override
    public final synchronized void start() {
        running = true;
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public final synchronized void stop() {
        running = false;
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public final boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try (Consumer<String, byte[]> opened = consumers.get()) {
                consumer = opened;
                follow(opened);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Reading {} failed; starting over in {}: {}", topics, retryBackoff, e.toString());
                pause();
            } finally {
                consumer = null;
            }
        }
    }

    /** Waits the retry backoff; an interrupt stops the follower. */
    protected final void pause() {
        try {
            Thread.sleep(retryBackoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
