package dev.provisioningstatus.reliability.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.reliability.system.RunningSystem;
import dev.provisioningstatus.reliability.system.SeededApplications;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * A subscriber that stops reading (a frozen tab, a stalled proxy) while changes pour in: a fast
 * subscriber of the same scope still gets every change, and the slow one, once it reads again,
 * finds its stream ended with {@code resync} (never a silent gap).
 */
@ExtendWith(RunningSystem.Extension.class)
class SlowSubscriberTest {

    private static final Pattern OVERFLOW_RESYNCS = Pattern.compile(
            "provisioning_gateway_sse_resyncs_total\\{[^}]*cause=\"overflow\"[^}]*} ([0-9.E]+)");

    private final String suffix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    private final String workspace = "slow-" + suffix;

    @Test
    void aSubscriberThatStopsReadingEndsWithResyncAndNeverHoldsUpAFastOne(RunningSystem system) throws Exception {
        SeededApplications seeded = new SeededApplications(system);
        List<String> applications = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            applications.add("slow-" + suffix + "-" + i);
            seeded.partial(applications.get(i - 1), workspace);
        }
        String token = system.tokens().member("slow-member", workspace);
        String path = "/api/workspaces/" + workspace + "/provisioning-issues/stream";
        double overflowsBefore = overflowResyncs(system);

        try (Socket slow = frozenSubscriber(system.gateway().baseUrl(), path, token);
                SseConnection fast = new SseConnection(system.gateway().baseUrl() + path, token, null)) {
            IssueState fastState = new IssueState();
            IssueBurst burst = new IssueBurst(seeded, applications, Duration.ofMillis(5));
            burst.start();
            try {
                await("the gateway gives up on the frozen subscriber").atMost(Duration.ofSeconds(150))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> {
                            drain(fast, fastState);
                            return overflowResyncs(system) > overflowsBefore;
                        });
            } finally {
                burst.stop();
            }
            await("the fast subscriber holds the server's state").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        drain(fast, fastState);
                        return fastState.applications().equals(restApplications(system, token));
                    });

            String slowStream = readToEnd(slow);
            int lastResync = slowStream.lastIndexOf("event:resync");
            System.out.printf("Slow subscriber: %d events in the burst; the frozen subscriber read %d bytes and its "
                            + "stream ended with resync: %s; the fast one holds the server's state%n",
                    burst.events(), slowStream.length(), lastResync >= 0);
            assertThat(lastResync).as("the frozen subscriber is told to resync").isNotNegative();
            assertThat(slowStream.substring(lastResync)).as("nothing after the resync")
                    .doesNotContain("event:status", "event:summary", "event:snapshot");
        }
    }

    /** Subscribes over a raw socket with a tiny receive window, reads the response head, then stops reading. */
    private static Socket frozenSubscriber(String baseUrl, String path, String token) throws IOException {
        URI uri = URI.create(baseUrl);
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nAuthorization: Bearer " + token + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().contains("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the stream closed before its head: " + head);
            }
            head.append((char) next);
        }
        assertThat(head.toString()).as("the frozen subscriber's stream opened").startsWith("HTTP/1.1 200");
        return socket;
    }

    /** Reads what the gateway wrote until it ends the stream (chunked framing left in: only event lines matter). */
    private static String readToEnd(Socket socket) throws IOException {
        socket.setSoTimeout(30_000);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        InputStream in = socket.getInputStream();
        for (int read; (read = in.read(buffer)) >= 0; ) {
            all.write(buffer, 0, read);
            if (all.toString(StandardCharsets.UTF_8).endsWith("0\r\n\r\n")) {
                break;
            }
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    private static void drain(SseConnection connection, IssueState state) throws InterruptedException {
        for (SseConnection.Event event; (event = connection.next(Duration.ofMillis(10))) != null; ) {
            if (!state.apply(event)) {
                throw new AssertionError("the fast subscriber was told to resync");
            }
        }
    }

    private static double overflowResyncs(RunningSystem system) {
        String metrics = system.gateway().get("/actuator/prometheus", system.tokens().admin("slow-admin")).body();
        Matcher matcher = OVERFLOW_RESYNCS.matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private Map<String, JsonNode> restApplications(RunningSystem system, String token) {
        Map<String, JsonNode> applications = new TreeMap<>();
        system.gateway().get("/api/workspaces/" + workspace + "/provisioning-issues", token).json()
                .path("applications").forEach(application ->
                        applications.put(application.path("applicationId").asString(), application));
        return applications;
    }
}
