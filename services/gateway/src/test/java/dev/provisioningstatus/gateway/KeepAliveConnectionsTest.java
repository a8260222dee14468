package dev.provisioningstatus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

/**
 * A client that sends its next request on a kept-alive connection the moment the previous
 * response has arrived is served every time. Without the gateway's Reactor Netty setting
 * ({@link GatewayApplication#LAST_FLUSH_WHEN_NO_READ}) such a request is, now and then, never read
 * and hangs until the client's timeout: this mix of queries, streams, retries and scrapes hit it
 * within a few dozen rounds.
 */
class KeepAliveConnectionsTest extends GatewayIntegrationTest {

    private static final int ROUNDS = 100;
    private static final String MEMBER = TestTokens.member("keepalive-alice", "keepalive-a");
    private static final String ADMIN = TestTokens.admin("keepalive-admin");

    @Test
    void theGatewayTerminatesEachExchangeWithItsLastFlush() {
        assertThat(System.getProperty(GatewayApplication.LAST_FLUSH_WHEN_NO_READ)).isEqualTo("true");
    }

    @Test
    void requestsSentBackToBackOnKeptAliveConnectionsAreAllServed() {
        for (int round = 0; round < ROUNDS; round++) {
            String applicationId = "keepalive-app-" + (round % 10);
            given(TestViews.failed(applicationId, "keepalive-a", round + 1));
            client.get().uri("/api/workspaces/keepalive-a/provisioning-issues")
                    .headers(headers -> headers.setBearerAuth(MEMBER))
                    .exchange().expectStatus().isOk().expectBody().returnResult();
            client.get().uri("/api/workspaces/keepalive-a/provisioning-issues/stream")
                    .accept(MediaType.TEXT_EVENT_STREAM)
                    .headers(headers -> headers.setBearerAuth(MEMBER))
                    .exchange().expectStatus().isOk()
                    .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                    })
                    .getResponseBody().filter(event -> event.event() != null).blockFirst(Duration.ofSeconds(30));
            client.post().uri("/api/applications/" + applicationId + "/provisioning/retry")
                    .headers(headers -> headers.setBearerAuth(MEMBER))
                    .exchange().expectStatus().isAccepted().expectBody().returnResult();
            client.get().uri("/actuator/prometheus")
                    .headers(headers -> headers.setBearerAuth(ADMIN))
                    .exchange().expectStatus().isOk().expectBody().returnResult();
        }
    }
}
