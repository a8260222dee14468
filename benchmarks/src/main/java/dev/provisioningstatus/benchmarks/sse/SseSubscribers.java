package dev.provisioningstatus.benchmarks.sse;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many real SSE subscribers over real sockets, on a few selector threads. Each subscriber has its own connection;
 * their source addresses rotate over {@code 127.0.0.2 … 127.0.0.(1+sourceAddresses)} so that tens of thousands of
 * connections to one port do not run out of ephemeral ports (with {@code sourceAddresses} 0, the system picks).
 * Events are read from the raw stream ({@link SseResponseReader}) and handed to the listener with their arrival
 * time ({@link System#nanoTime()}). A stream that ends, for whatever reason, counts in {@link #failures()}.
 *
 * <p>Plain NIO, not an HTTP client library: this driver shares the machine's cores with the gateway it measures,
 * and per delivery it does little more than one read, a copy of the event's bytes and its strings.
 */
public final class SseSubscribers implements AutoCloseable {

    /** Called on a selector thread for every complete event; keep it short. */
    @FunctionalInterface
    public interface Listener {
        void onEvent(int subscriber, String event, String data, long receivedNanos);
    }

    private final InetSocketAddress server;
    private final String host;
    private final int sourceAddresses;
    private final Listener listener;
    private final Loop[] loops;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger snapshots = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicReference<String> lastFailure = new AtomicReference<>("");

    public SseSubscribers(String baseUrl, int sourceAddresses, int threads, Listener listener) {
        URI uri = URI.create(baseUrl);
        this.server = new InetSocketAddress(uri.getHost(), uri.getPort());
        this.host = uri.getHost() + ":" + uri.getPort();
        this.sourceAddresses = sourceAddresses;
        this.listener = listener;
        this.loops = new Loop[Math.max(1, threads)];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new Loop("sse-subscribers-" + i);
        }
    }

    /** Opens one stream; returns at once. The subscriber counts in {@link #snapshots()} once its snapshot arrived. */
    public void open(int subscriber, String path, String bearerToken, String lastEventId) {
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + bearerToken
                + "\r\nAccept: text/event-stream\r\n" + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n")
                + "\r\n";
        InetSocketAddress source = sourceAddresses == 0 ? null
                : new InetSocketAddress("127.0.0." + (2 + subscriber % sourceAddresses), 0);
        opened.incrementAndGet();
        loops[subscriber % loops.length].open(new Stream(subscriber, source,
                ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8))));
    }

    public int snapshots() {
        return snapshots.get();
    }

    public int failures() {
        return failures.get();
    }

    public String lastFailure() {
        return lastFailure.get();
    }

    public int opened() {
        return opened.get();
    }

    @Override
    public void close() {
        for (Loop loop : loops) {
            loop.stop();
        }
    }

    private void failed(String why) {
        failures.incrementAndGet();
        lastFailure.set(why);
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Closing what already failed or is done with: its failure, if any, is counted where it happened.
        }
    }

    /** One selector thread and the streams it serves. */
    private final class Loop implements Runnable {

        private final Selector selector;
        private final Thread thread;
        private final Queue<Stream> opening = new ConcurrentLinkedQueue<>();
        /** Where every read of this thread lands; the streams parse it in place. */
        private final ByteBuffer received = ByteBuffer.allocate(64 * 1024);
        private volatile boolean stopping;

        Loop(String name) {
            try {
                this.selector = Selector.open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.thread = new Thread(this, name);
            thread.setDaemon(true);
            thread.start();
        }

        void open(Stream stream) {
            opening.add(stream);
            selector.wakeup();
        }

        void stop() {
            stopping = true;
            selector.wakeup();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            try {
                while (!stopping) {
                    selector.select(this::ready);
                    for (Stream stream; (stream = opening.poll()) != null; ) {
                        connect(stream);
                    }
                }
            } catch (IOException | RuntimeException e) {
                failed("selector: " + e);
            } finally {
                selector.keys().forEach(key -> closeQuietly(key.channel()));
                closeQuietly(selector);
            }
        }

        private void connect(Stream stream) {
            SocketChannel channel = null;
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                if (stream.source != null) {
                    channel.bind(stream.source);
                }
                boolean connected = channel.connect(server);
                stream.key = channel.register(selector, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT,
                        stream);
            } catch (IOException e) {
                stream.close("connect: " + e);
                closeQuietly(channel);
            }
        }

        private void ready(SelectionKey key) {
            Stream stream = (Stream) key.attachment();
            SocketChannel channel = (SocketChannel) key.channel();
            try {
                if (key.isConnectable()) {
                    if (channel.finishConnect()) {
                        key.interestOps(SelectionKey.OP_WRITE);
                    }
                } else if (key.isWritable()) {
                    channel.write(stream.request);
                    if (!stream.request.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                } else if (key.isReadable()) {
                    received.clear();
                    int read = channel.read(received);
                    if (read < 0) {
                        stream.close("the server closed the stream");
                    } else {
                        stream.response.feed(received.array(), read, System.nanoTime());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // That stream's failure (the listener's included), counted; the thread serves the others on.
                stream.close(e.toString());
            }
        }
    }

    /** One subscriber's connection, and the reader of its response. */
    private final class Stream implements SseResponseReader.Events {

        private final int subscriber;
        private final InetSocketAddress source;
        private final ByteBuffer request;
        private final SseResponseReader response = new SseResponseReader(this);
        private SelectionKey key;
        private boolean closed;

        Stream(int subscriber, InetSocketAddress source, ByteBuffer request) {
            this.subscriber = subscriber;
            this.source = source;
            this.request = request;
        }

        @Override
        public void event(String event, String data, long receivedNanos) {
            if ("snapshot".equals(event)) {
                snapshots.incrementAndGet();
            }
            listener.onEvent(subscriber, event, data, receivedNanos);
        }

        @Override
        public void ended(String why) {
            close(why);
        }

        /** The stream is over: counted as a failure with its reason, and its socket closed. */
        void close(String why) {
            if (closed) {
                return;
            }
            closed = true;
            failed(why);
            if (key != null) {
                closeQuietly(key.channel());
            }
        }
    }
}
