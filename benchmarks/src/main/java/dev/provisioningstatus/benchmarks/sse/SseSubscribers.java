package dev.provisioningstatus.benchmarks.sse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many real SSE subscribers over real sockets, on a few selector threads. Each subscriber has its own connection;
 * their source addresses rotate over {@code 127.0.0.2 … 127.0.0.(1+sourceAddresses)} so that tens of thousands of
 * connections to one port do not run out of ephemeral ports. Events are parsed from the raw stream and handed to
 * the listener with their arrival time ({@link System#nanoTime()}).
 *
 * <p>Plain NIO and a hand-written HTTP/1.1 reader, not an HTTP client library: this driver shares the machine's
 * cores with the gateway it measures, and per delivery it does no more than one read and a scan of the bytes.
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
        this.sourceAddresses = Math.max(1, sourceAddresses);
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
        InetSocketAddress source = new InetSocketAddress("127.0.0." + (2 + subscriber % sourceAddresses), 0);
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

    private static void closeQuietly(Channel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a socket that already failed: its failure is what counts, and it is counted.
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
            try (selector) {
                while (!stopping) {
                    selector.select(this::ready);
                    for (Stream stream; (stream = opening.poll()) != null; ) {
                        connect(stream);
                    }
                }
                for (SelectionKey key : selector.keys()) {
                    key.channel().close();
                }
            } catch (IOException e) {
                failed("selector: " + e);
            }
        }

        private void connect(Stream stream) {
            SocketChannel channel = null;
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.bind(stream.source);
                boolean connected = channel.connect(server);
                stream.key = channel.register(selector, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT,
                        stream);
            } catch (IOException e) {
                stream.end("connect: " + e);
                closeQuietly(channel);
            }
        }

        private void ready(SelectionKey key) {
            Stream stream = (Stream) key.attachment();
            SocketChannel channel = (SocketChannel) key.channel();
            try {
                if (key.isConnectable()) {
                    channel.finishConnect();
                    key.interestOps(SelectionKey.OP_WRITE);
                } else if (key.isWritable()) {
                    channel.write(stream.request);
                    if (!stream.request.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                } else if (key.isReadable()) {
                    received.clear();
                    int read = channel.read(received);
                    if (read < 0) {
                        stream.end("the server closed the stream");
                    } else {
                        stream.feed(received.array(), read, System.nanoTime());
                    }
                }
            } catch (IOException e) {
                stream.end(e.toString());
            }
        }
    }

    /**
     * One subscriber's connection: the response head, then the body's HTTP/1.1 chunks, then within them the
     * text/event-stream syntax, enough of it (fields {@code event} and {@code data}, a blank line ends an event).
     * Only an event's name and data become strings: tens of thousands of subscribers parse every broadcast on two
     * threads, and garbage per line made this process pause in the middle of the deliveries it was timing.
     */
    private final class Stream {

        private static final byte[] EVENT = "event:".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

        private enum Part { HEAD, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, IDENTITY }

        private final int subscriber;
        private final InetSocketAddress source;
        private final ByteBuffer request;
        private SelectionKey key;
        private Part part = Part.HEAD;
        private final List<String> head = new ArrayList<>();
        private long chunkLeft;
        private int chunkSizeDigits;
        private boolean chunkExtension;
        /** The response head's current line, then the current event's lines so far. */
        private byte[] line = new byte[256];
        private int length;
        private int lineStart;
        private boolean ended;

        Stream(int subscriber, InetSocketAddress source, ByteBuffer request) {
            this.subscriber = subscriber;
            this.source = source;
            this.request = request;
        }

        void feed(byte[] bytes, int count, long now) {
            int i = 0;
            while (i < count && !ended) {
                switch (part) {
                    case HEAD -> {
                        byte b = bytes[i++];
                        if (b == '\n') {
                            headLine();
                        } else if (b != '\r') {
                            append(b);
                        }
                    }
                    case CHUNK_SIZE -> chunkSize(bytes[i++]);
                    case CHUNK_DATA -> {
                        int end = (int) Math.min(count, i + chunkLeft);
                        chunkLeft -= end - i;
                        body(bytes, i, end, now);
                        i = end;
                        if (chunkLeft == 0) {
                            part = Part.CHUNK_END;
                        }
                    }
                    case CHUNK_END -> {
                        if (bytes[i++] == '\n') {
                            part = Part.CHUNK_SIZE;
                        }
                    }
                    case IDENTITY -> {
                        body(bytes, i, count, now);
                        i = count;
                    }
                }
            }
        }

        /** A line of the response head; the blank one ends it. */
        private void headLine() {
            if (length > 0) {
                head.add(new String(line, 0, length, StandardCharsets.US_ASCII));
                length = 0;
                return;
            }
            String status = head.isEmpty() ? "" : head.get(0);
            if (!status.matches("HTTP/1\\.1 200( .*)?")) {
                end("stream answered " + status);
                return;
            }
            boolean chunked = head.stream().anyMatch(header -> header.toLowerCase().matches(
                    "transfer-encoding:\\s*chunked\\s*"));
            part = chunked ? Part.CHUNK_SIZE : Part.IDENTITY;
            head.clear();
        }

        /** The chunk's size in hex, read digit by digit: an SSE line may be half read into {@code line}. */
        private void chunkSize(byte b) {
            if (b == '\n') {
                if (chunkSizeDigits == 0) {
                    end("a chunk without a size");
                } else if (chunkLeft == 0) {
                    end("the server ended the stream");
                } else {
                    part = Part.CHUNK_DATA;
                }
                chunkSizeDigits = 0;
                chunkExtension = false;
            } else if (b == ';') {
                chunkExtension = true;
            } else if (!chunkExtension && Character.digit(b, 16) >= 0) {
                chunkLeft = chunkLeft * 16 + Character.digit(b, 16);
                chunkSizeDigits++;
            }
        }

        private void body(byte[] bytes, int from, int to, long now) {
            for (int i = from; i < to; i++) {
                byte b = bytes[i];
                if (b == '\n') {
                    endOfLine(now);
                } else if (b != '\r') {
                    append(b);
                }
            }
        }

        private void append(byte b) {
            if (length == line.length) {
                line = Arrays.copyOf(line, length * 2);
            }
            line[length++] = b;
        }

        /** A line ends: a blank one ends the event, which {@code line} holds whole, its lines ended by LF. */
        private void endOfLine(long now) {
            if (length > lineStart) {
                append((byte) '\n');
                lineStart = length;
                return;
            }
            dispatch(now);
            length = 0;
            lineStart = 0;
        }

        /**
         * The event's name and data as strings made here, not kept in fields: this object lives as long as the
         * connection, and a young string stored in it per delivery made the collector's refinement threads a sixth
         * of this process's CPU.
         */
        private void dispatch(long now) {
            String event = "message";
            StringBuilder data = null;
            for (int from = 0, to; from < length; from = to + 1) {
                to = from;
                while (line[to] != '\n') {
                    to++;
                }
                if (startsWith(from, to, EVENT)) {
                    event = new String(line, from + EVENT.length, to - from - EVENT.length, StandardCharsets.UTF_8)
                            .strip();
                } else if (startsWith(from, to, DATA)) {
                    int value = from + DATA.length + (to > from + DATA.length && line[from + DATA.length] == ' ' ? 1 : 0);
                    data = data == null ? new StringBuilder(to - value) : data.append('\n');
                    data.append(new String(line, value, to - value, StandardCharsets.UTF_8));
                }
            }
            if (data == null) {
                return;
            }
            if ("snapshot".equals(event)) {
                snapshots.incrementAndGet();
            }
            listener.onEvent(subscriber, event, data.toString(), now);
        }

        private boolean startsWith(int from, int to, byte[] field) {
            return to - from >= field.length && Arrays.equals(line, from, from + field.length, field, 0, field.length);
        }

        /** The stream is over: counted as a failure with its reason, and its socket closed. */
        void end(String why) {
            if (ended) {
                return;
            }
            ended = true;
            failed(why);
            if (key != null) {
                key.cancel();
                closeQuietly(key.channel());
            }
        }
    }
}
