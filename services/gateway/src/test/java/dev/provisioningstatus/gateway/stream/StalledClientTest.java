package dev.provisioningstatus.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentCondition;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.FailureReason;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.gateway.GatewayIntegrationTest;
import dev.provisioningstatus.gateway.KafkaRecords;
import dev.provisioningstatus.gateway.TestTokens;
import dev.provisioningstatus.gateway.TestViews;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A client that stops reading its stream (a frozen tab, a stalled proxy) while changes keep
 * coming: once a write to it has made no progress for the stalled-write timeout, the gateway
 * closes the connection and lets go of the stream and everything it held for it.
 */
@TestPropertySource(properties = "provisioning.gateway.stream.stalled-write-timeout=1s")
class StalledClientTest extends GatewayIntegrationTest {

    private static final String WORKSPACE = "stalled-ws";

    @LocalServerPort
    private int port;

    @Autowired
    private IssueStream stream;

    private final AtomicInteger applications = new AtomicInteger();

    /** The broker is shared with other test classes: their admin lists must not carry these large views. */
    @AfterEach
    void deleteTheLargeViews() {
        for (int application = 1; application <= applications.get(); application++) {
            KafkaRecords.publishTombstone("stalled-" + application);
        }
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedOnceWritesToItStall() throws IOException {
        int subscribersBefore = stream.subscribers();
        try (Socket frozen = subscribeAndStopReading()) {
            await("the stream is open").atMost(Duration.ofSeconds(30))
                    .until(() -> stream.subscribers() > subscribersBefore);

            await("the gateway lets go of the frozen stream").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        // Changes keep coming until the kernel's socket buffers are full and a write stalls in the
                        // gateway; each carries about 24 KiB of error detail, so few are needed.
                        ApplicationProvisioningView[] batch = new ApplicationProvisioningView[20];
                        for (int i = 0; i < batch.length; i++) {
                            batch[i] = failedWithLongDetails("stalled-" + applications.incrementAndGet());
                        }
                        given(batch);
                        return stream.subscribers() == subscribersBefore;
                    });

            assertThat(readsToAClosedConnection(frozen)).as("the gateway closed the connection").isTrue();
        }
    }

    /** A failed view with as much error detail as the contract allows (admins get it whole): about 24 KiB. */
    private static ApplicationProvisioningView failedWithLongDetails(String applicationId) {
        List<EnvironmentCondition> environments = Stream.of(Environment.DEV, Environment.STAGE, Environment.PROD)
                .map(environment -> new EnvironmentCondition(environment, EnvironmentStatus.FAILED,
                        FailureReason.ConnectionTimeout, "Connection timeout", "x".repeat(8000), true, null, 1,
                        TestViews.AT, List.of()))
                .toList();
        return TestViews.view(applicationId, WORKSPACE, ProvisioningStatus.FAILED, 1, 1, environments);
    }

    /** A raw admin subscriber with a tiny receive window that reads the response head and then nothing. */
    private Socket subscribeAndStopReading() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/admin/provisioning-issues/stream HTTP/1.1\r\nHost: 127.0.0.1:"
                + port + "\r\nAuthorization: Bearer " + TestTokens.admin("stalled-admin")
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        StringBuilder head = new StringBuilder();
        InputStream in = socket.getInputStream();
        while (!head.toString().contains("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the stream closed before its head: " + head);
            }
            head.append((char) next);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 200");
        return socket;
    }

    /** Reads what is left; true when the connection ends (closed or reset), false if it stays open. */
    private static boolean readsToAClosedConnection(Socket socket) throws IOException {
        socket.setSoTimeout(30_000);
        byte[] buffer = new byte[65536];
        InputStream in = socket.getInputStream();
        try {
            while (in.read(buffer) >= 0) {
                // what the gateway had sent before it gave up
            }
            return true;
        } catch (SocketException reset) {
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }
}
