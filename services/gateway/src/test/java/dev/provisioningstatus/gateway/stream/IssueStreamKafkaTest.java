package dev.provisioningstatus.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.gateway.GatewayIntegrationTest;
import dev.provisioningstatus.gateway.KafkaRecords;
import dev.provisioningstatus.gateway.TestTokens;
import dev.provisioningstatus.gateway.TestViews;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Live updates end to end: a view published to provisioning.status reaches an SSE subscriber. */
class IssueStreamKafkaTest extends GatewayIntegrationTest {

    private static final Duration GENEROUSLY = Duration.ofSeconds(30);
    private static final String MEMBER = TestTokens.member("sse-alice", "sse-a", "sse-b-ws", "sse-c-ws", "sse-d-ws");

    private Flux<ServerSentEvent<String>> events(String workspaceId, Consumer<WebTestClient.RequestHeadersSpec<?>> extra,
            String query) {
        WebTestClient.RequestHeadersSpec<?> request = client.get()
                .uri("/api/workspaces/" + workspaceId + "/provisioning-issues/stream" + query)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(headers -> headers.setBearerAuth(MEMBER));
        extra.accept(request);
        return request.exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                })
                .getResponseBody()
                .filter(event -> event.event() != null);
    }

    private Flux<ServerSentEvent<String>> events(String workspaceId) {
        return events(workspaceId, request -> { }, "");
    }

    @Test
    void aSubscriberGetsTheSnapshotThenAStatusEventWhenAViewChanges() {
        KafkaRecords.publish(TestViews.failed("sse-existing", "sse-a", 1));
        awaitIndexed("sse-existing", 1);

        StepVerifier.create(events("sse-a"))
                .assertNext(snapshot -> {
                    assertThat(snapshot.event()).isEqualTo("snapshot");
                    assertThat(snapshot.data()).contains("\"workspaceId\":\"sse-a\"", "sse-existing");
                })
                .then(() -> KafkaRecords.publish(TestViews.partial("sse-existing", "sse-a", 2)))
                .assertNext(status -> {
                    assertThat(status.event()).isEqualTo("status");
                    assertThat(status.id()).isNotBlank();
                    assertThat(status.data()).contains("\"applicationId\":\"sse-existing\"", "\"status\":\"partial\"")
                            .doesNotContain("workflowId", "errorDetail");
                })
                .thenCancel()
                .verify(GENEROUSLY);
    }

    @Test
    void aReconnectWithLastEventIdGetsTheEventsMissedWhileAway() {
        String lastEventId = events("sse-b-ws").blockFirst(GENEROUSLY).id();
        KafkaRecords.publish(TestViews.failed("sse-missed", "sse-b-ws", 1));
        awaitIndexed("sse-missed", 1);

        List<ServerSentEvent<String>> missed = events("sse-b-ws",
                request -> request.header("Last-Event-ID", lastEventId), "").take(2).collectList().block(GENEROUSLY);

        assertThat(missed).extracting(ServerSentEvent::event).containsExactly("status", "summary");
        assertThat(missed.get(0).data()).contains("sse-missed");
        assertThat(missed.get(1).data()).isEqualTo("{\"count\":1}");
    }

    @Test
    void theCursorMayAlsoComeAsAQueryParameter() {
        String lastEventId = events("sse-c-ws").blockFirst(GENEROUSLY).id();
        KafkaRecords.publish(TestViews.failed("sse-missed-too", "sse-c-ws", 1));
        awaitIndexed("sse-missed-too", 1);

        ServerSentEvent<String> first = events("sse-c-ws", request -> { }, "?lastEventId=" + lastEventId)
                .blockFirst(GENEROUSLY);

        assertThat(first.event()).isEqualTo("status");
        assertThat(first.data()).contains("sse-missed-too");
    }

    @Test
    void aMalformedCursorGetsResync() {
        ServerSentEvent<String> first = events("sse-d-ws", request -> request.header("Last-Event-ID", "0.0.2"), "")
                .blockFirst(GENEROUSLY);

        assertThat(first.event()).isEqualTo("resync");
        assertThat(first.data()).isEqualTo("{}");
    }

    @Test
    void theWireFormatOpensWithTheReconnectDelayAndAComment() {
        String opening = client.get().uri("/api/workspaces/sse-a/provisioning-issues/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(headers -> headers.setBearerAuth(MEMBER))
                .exchange()
                .returnResult(DataBuffer.class)
                .getResponseBody()
                .map(buffer -> buffer.toString(StandardCharsets.UTF_8))
                .scan(String::concat)
                .filter(text -> text.contains("data:{"))
                .blockFirst(GENEROUSLY);

        assertThat(opening).startsWith(": provisioning issues\nretry:3000\n\n");
        assertThat(opening).containsPattern("\nevent:snapshot\nid:[0-9A-Za-z._-]+\ndata:\\{");
    }

    private void awaitIndexed(String applicationId, long version) {
        await().atMost(GENEROUSLY).until(() -> index.find(applicationId)
                .filter(view -> view.version() >= version).isPresent());
    }
}
