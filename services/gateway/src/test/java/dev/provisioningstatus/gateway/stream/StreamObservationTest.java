package dev.provisioningstatus.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.ObservationPredicate;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

class StreamObservationTest {

    private final ObservationPredicate predicate = new StreamConfiguration().streamRequestsAreNotObserved();

    @Test
    void aWorkspaceStreamRequestIsNotObserved() {
        assertThat(predicate.test("http.server.requests", request("/api/workspaces/ws-1/provisioning-issues/stream")))
                .isFalse();
    }

    @Test
    void thePlatformStreamRequestIsNotObserved() {
        assertThat(predicate.test("http.server.requests", request("/api/admin/provisioning-issues/stream"))).isFalse();
    }

    @Test
    void anyOtherRequestIsObserved() {
        assertThat(predicate.test("http.server.requests", request("/api/workspaces/ws-1/provisioning-issues")))
                .isTrue();
    }

    private static ServerRequestObservationContext request(String path) {
        return new ServerRequestObservationContext(MockServerHttpRequest.get(path).build(),
                new MockServerHttpResponse(), new HashMap<>());
    }
}
