package dev.provisioningstatus.benchmarks.sse;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.ByteProcessor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Many real SSE subscribers over real sockets, on a few non-blocking event-loop threads (Reactor
 * Netty). Each subscriber has its own connection; their source addresses rotate over
 * {@code 127.0.0.2 … 127.0.0.(1+sourceAddresses)} so that tens of thousands of connections to one
 * port do not run out of ephemeral ports. Events are parsed from the raw stream and handed to the
 * listener with their arrival time ({@link System#nanoTime()}).
 */
public final class SseSubscribers implements AutoCloseable {

    /** Called on an event-loop thread for every complete event; keep it short. */
    @FunctionalInterface
    public interface Listener {
        void onEvent(int subscriber, String event, String data, long receivedNanos);
    }

    private static final byte[] EVENT = "event:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

    private final String baseUrl;
    private final Listener listener;
    private final LoopResources loops;
    private final HttpClient[] clients;
    private final List<Disposable> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger snapshots = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicReference<String> lastFailure = new AtomicReference<>("");

    public SseSubscribers(String baseUrl, int sourceAddresses, int threads, Listener listener) {
        this.baseUrl = baseUrl;
        this.listener = listener;
        this.loops = LoopResources.create("sse-subscribers", threads, true);
        HttpClient base = HttpClient.create(ConnectionProvider.newConnection()).runOn(loops);
        this.clients = new HttpClient[Math.max(1, sourceAddresses)];
        for (int i = 0; i < clients.length; i++) {
            String source = "127.0.0." + (2 + i);
            clients[i] = base.bindAddress(() -> new InetSocketAddress(source, 0));
        }
    }

    /** Opens one stream; returns at once. The subscriber counts in {@link #snapshots()} once its snapshot arrived. */
    public void open(int subscriber, String path, String bearerToken, String lastEventId) {
        Parser parser = new Parser(subscriber);
        Disposable connection = clients[subscriber % clients.length]
                .headers(headers -> {
                    headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + bearerToken);
                    headers.set(HttpHeaderNames.ACCEPT, "text/event-stream");
                    if (lastEventId != null) {
                        headers.set("Last-Event-ID", lastEventId);
                    }
                })
                .get()
                .uri(baseUrl + path)
                .response((response, body) -> {
                    if (response.status().code() != 200) {
                        return Mono.error(new IllegalStateException("stream answered " + response.status()));
                    }
                    return body.doOnNext(parser::feed).then();
                })
                .subscribe(ignored -> { }, error -> {
                    failures.incrementAndGet();
                    lastFailure.set(error.toString());
                });
        connections.add(connection);
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
        return connections.size();
    }

    @Override
    public void close() {
        connections.forEach(Disposable::dispose);
        connections.clear();
        // Closing tens of thousands of sockets on a loaded machine takes longer than Reactor's default 15 s.
        loops.disposeLater(Duration.ofSeconds(2), Duration.ofMinutes(3)).block();
    }

    /**
     * The text/event-stream syntax, enough of it: fields {@code event} and {@code data}, blank line ends an event.
     * It reads the bytes where they are and turns only an event's name and data into strings: tens of
     * thousands of subscribers parse every broadcast on two threads, and the garbage of a string per line made
     * this process pause for collections in the middle of the deliveries it was timing.
     */
    private final class Parser implements ByteProcessor {

        private final int subscriber;
        private byte[] line = new byte[256];
        private int length;
        private String event = "message";
        private String data;
        private long now;

        Parser(int subscriber) {
            this.subscriber = subscriber;
        }

        void feed(ByteBuf buffer) {
            now = System.nanoTime();
            buffer.forEachByte(this);
        }

        @Override
        public boolean process(byte b) {
            if (b == '\n') {
                endOfLine();
            } else if (b != '\r') {
                if (length == line.length) {
                    line = Arrays.copyOf(line, length * 2);
                }
                line[length++] = b;
            }
            return true;
        }

        private void endOfLine() {
            if (length == 0) {
                if (data != null) {
                    if ("snapshot".equals(event)) {
                        snapshots.incrementAndGet();
                    }
                    listener.onEvent(subscriber, event, data, now);
                }
                event = "message";
                data = null;
                return;
            }
            if (startsWith(EVENT)) {
                event = new String(line, EVENT.length, length - EVENT.length, StandardCharsets.UTF_8).strip();
            } else if (startsWith(DATA)) {
                int from = DATA.length + (length > DATA.length && line[DATA.length] == ' ' ? 1 : 0);
                String value = new String(line, from, length - from, StandardCharsets.UTF_8);
                data = data == null ? value : data + "\n" + value;
            }
            length = 0;
        }

        private boolean startsWith(byte[] field) {
            return length >= field.length && Arrays.equals(line, 0, field.length, field, 0, field.length);
        }
    }
}
