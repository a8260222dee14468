package dev.provisioningstatus.notifier.receiver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.provisioningstatus.events.EventJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on loopback (a real HTTP server on 127.0.0.1, port 0). It answers each request with
 * the next scripted {@link Answer} (then with the default one), and keeps what it received.
 */
public final class TestReceiver implements AutoCloseable {

    /** Where received webhooks are written for the standardwebhooks check that runs after the tests. */
    public static final Path RECORDINGS = Path.of("target", "recorded-webhooks");

    /** What to do with one request. */
    public record Answer(int status, Duration delay, String body) {

        public static Answer status(int status) {
            return new Answer(status, Duration.ZERO, "");
        }

        public static Answer delayed(Duration delay) {
            return new Answer(204, delay, "");
        }

        public static Answer redirectTo(URI location) {
            return new Answer(302, Duration.ZERO, location.toString());
        }

        public static Answer body(int status, String body) {
            return new Answer(status, Duration.ZERO, body);
        }
    }

    /** One request as received: lower-case header names, the body as text. */
    public record Received(Map<String, String> headers, String body) {

        public String webhookId() {
            return headers.get("webhook-id");
        }
    }

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /**
     * Answers each request once its scripted delay has passed. Several threads, because an answer may be
     * held until enough requests are in flight ({@link #holdingUntilInFlight}).
     */
    private final ScheduledExecutorService answers = Executors.newScheduledThreadPool(4);
    private volatile Answer otherwise = Answer.status(204);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    // Long enough for the second of two concurrent requests to arrive on a loaded machine, and shorter
    // than the response timeout the delivery tests give the sender (15 s).
    private static final Duration HOLD_AT_MOST = Duration.ofSeconds(10);

    private volatile int holdUntilInFlight;
    private volatile String secretToRecord;

    private TestReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public static TestReceiver start() {
        try {
            return new TestReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Requests are answered with these first, in order. */
    public synchronized TestReceiver answering(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    public TestReceiver otherwise(Answer answer) {
        this.otherwise = answer;
        return this;
    }

    /** Every request received from now on is recorded, with this secret, for the standardwebhooks check. */
    public TestReceiver recordingFor(String secret) {
        this.secretToRecord = secret;
        return this;
    }

    /**
     * Each request is held until {@code count} are in flight at once (at most {@link #HOLD_AT_MOST}), so whether
     * the sender ever had that many open shows in {@link #mostInFlight()}.
     */
    public TestReceiver holdingUntilInFlight(int count) {
        this.holdUntilInFlight = count;
        return this;
    }

    /** The most requests this receiver was answering at once. */
    public int mostInFlight() {
        return mostInFlight.get();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** A URL of this receiver under {@code host}, which the test's resolver must map to loopback. */
    public URI url(String host, String path) {
        return URI.create("http://" + host + ":" + port() + path);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        synchronized (inFlight) {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            inFlight.notifyAll();
        }
        Answer answer;
        try {
            answer = read(exchange);
        } catch (IOException | RuntimeException e) {
            inFlight.decrementAndGet();
            throw e;
        }
        answers.schedule(() -> respond(exchange, answer), answer.delay().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void respond(HttpExchange exchange, Answer answer) {
        try {
            holdUntilEnoughInFlight();
            write(exchange, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException senderWentAway) {
            // nothing to answer to
        } finally {
            exchange.close();
            inFlight.decrementAndGet();
        }
    }

    /** Until {@link #holdingUntilInFlight} requests are in flight, or {@link #HOLD_AT_MOST} has passed. */
    private void holdUntilEnoughInFlight() throws InterruptedException {
        long holdUntil = System.nanoTime() + HOLD_AT_MOST.toNanos();
        synchronized (inFlight) {
            for (long left = HOLD_AT_MOST.toNanos(); inFlight.get() < holdUntilInFlight && left > 0;
                    left = holdUntil - System.nanoTime()) {
                inFlight.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Keeps the request and picks its answer. */
    private Answer read(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Received request = new Received(headers, body);
        received.add(request);
        record(request);
        synchronized (this) {
            return script.isEmpty() ? otherwise : script.poll();
        }
    }

    private static void write(HttpExchange exchange, Answer answer) throws IOException {
        if (answer.status() / 100 == 3) {
            exchange.getResponseHeaders().add("Location", answer.body());
        }
        byte[] answerBody = answer.status() / 100 == 3 ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), answerBody.length == 0 ? -1 : answerBody.length);
        if (answerBody.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answerBody);
            } catch (IOException clientWentAway) {
                // the notifier cuts off answers longer than it reads
            }
        }
    }

    private void record(Received request) throws IOException {
        String secret = secretToRecord;
        if (secret == null) {
            return;
        }
        Files.createDirectories(RECORDINGS);
        Map<String, Object> recording = Map.of("secret", secret, "headers", request.headers(), "body", request.body());
        Files.write(RECORDINGS.resolve(request.webhookId() + "-" + System.nanoTime() + ".json"),
                EventJson.MAPPER.writeValueAsBytes(recording));
    }

    @Override
    public void close() {
        server.stop(0);
        answers.shutdownNow();
    }
}
