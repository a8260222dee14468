package dev.provisioningstatus.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.gateway.GatewayIntegrationTest;
import dev.provisioningstatus.gateway.TestTokens;
import dev.provisioningstatus.gateway.TestViews;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A cursor is no credential: every reconnect is authorized again, whatever {@code Last-Event-ID}
 * it brings, and a refused one gets a problem, not events.
 */
class StreamReconnectAuthorizationTest extends GatewayIntegrationTest {

    private static final Duration GENEROUSLY = Duration.ofSeconds(30);
    private static final String STREAM = "/api/workspaces/resume-a/provisioning-issues/stream";
    private static final String MEMBER = TestTokens.member("resume-alice", "resume-a");
    private static final AtomicLong VERSION = new AtomicLong(1);

    private String validCursor;

    @BeforeEach
    void aCursorMissingOneChange() {
        given(TestViews.failed("resume-app", "resume-a", VERSION.incrementAndGet()));
        validCursor = connect(STREAM, MEMBER, lastEventId(null)).expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                })
                .getResponseBody()
                .filter(event -> "snapshot".equals(event.event()))
                .blockFirst(GENEROUSLY)
                .id();
        given(TestViews.partial("resume-app", "resume-a", VERSION.incrementAndGet()));
    }

    @Test
    void theCursorResumesTheStreamForItsOwner() {
        ServerSentEvent<String> first = connect(STREAM, MEMBER, lastEventId(validCursor))
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                })
                .getResponseBody()
                .filter(event -> event.event() != null)
                .blockFirst(GENEROUSLY);

        assertThat(first.event()).isEqualTo("status");
        assertThat(first.data()).contains("\"applicationId\":\"resume-app\"", "\"status\":\"partial\"");
    }

    @Test
    void aReconnectWithAnExpiredTokenIsRefusedDespiteAValidCursor() {
        refused(connect(STREAM, TestTokens.expired("resume-alice", "resume-a"), lastEventId(validCursor)), 401);
    }

    @Test
    void aReconnectWithAForgedTokenIsRefusedDespiteAValidCursor() {
        refused(connect(STREAM, TestTokens.forged("resume-alice"), lastEventId(validCursor)), 401);
    }

    @Test
    void aReconnectWithoutATokenIsRefusedDespiteAValidCursor() {
        refused(connect(STREAM, null, lastEventId(validCursor)), 401);
    }

    @Test
    void aMemberOfAnotherWorkspaceIsRefusedDespiteAValidCursor() {
        refused(connect(STREAM, TestTokens.member("resume-bob", "resume-b"), lastEventId(validCursor)), 403);
    }

    @Test
    void aMemberOfAnotherWorkspaceIsRefusedWithTheCursorAsAQueryParameterToo() {
        refused(connect(STREAM + "?lastEventId=" + validCursor, TestTokens.member("resume-bob", "resume-b"),
                lastEventId(null)), 403);
    }

    @Test
    void aWorkspaceCursorDoesNotOpenTheAdminStreamToAMember() {
        refused(connect("/api/admin/provisioning-issues/stream", MEMBER, lastEventId(validCursor)), 403);
    }

    private static Consumer<HttpHeaders> lastEventId(String cursor) {
        return headers -> {
            if (cursor != null) {
                headers.set("Last-Event-ID", cursor);
            }
        };
    }

    private WebTestClient.ResponseSpec connect(String path, String token,
            Consumer<HttpHeaders> cursor) {
        return client.get().uri(path)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(headers -> {
                    if (token != null) {
                        headers.setBearerAuth(token);
                    }
                    cursor.accept(headers);
                })
                .exchange();
    }

    private static void refused(WebTestClient.ResponseSpec response, int status) {
        String body = response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(body).contains("\"status\":" + status).doesNotContain("resume-app", "event:");
    }
}
