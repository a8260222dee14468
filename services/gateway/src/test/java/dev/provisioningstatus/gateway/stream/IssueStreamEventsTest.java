package dev.provisioningstatus.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.gateway.TestViews;
import dev.provisioningstatus.gateway.query.ApplicationViewRedactor;
import dev.provisioningstatus.gateway.query.Detail;
import dev.provisioningstatus.gateway.query.IssueScope;
import dev.provisioningstatus.gateway.query.ModerateApplication;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import dev.provisioningstatus.gateway.view.ViewChange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.codec.ServerSentEventHttpMessageWriter;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.publisher.Flux;

class IssueStreamEventsTest {

    private final IssueStreamEvents events = new IssueStreamEvents(7, new ApplicationViewRedactor());
    private final ProvisioningViewIndex index = new ProvisioningViewIndex(16);
    private final IssueScope acme = new IssueScope.Workspace("acme");

    @Test
    void aNewIssueInScopeGivesAStatusEventThenASummary() {
        ViewChange change = index.apply("app", TestViews.failed("app", "acme", 1)).orElseThrow();

        List<ServerSentEvent<Object>> built = events.forChange(change, acme, Detail.MODERATE);

        assertThat(built).extracting(ServerSentEvent::event).containsExactly("status", "summary");
        assertThat(built.get(0).data()).isInstanceOfSatisfying(StatusUpdate.class, update -> {
            assertThat(update.applicationId()).isEqualTo("app");
            assertThat(update.application()).isInstanceOf(ModerateApplication.class);
        });
        assertThat(built.get(1).data()).isEqualTo(new IssueSummary(1));
    }

    @Test
    void anApplicationLeavingTheScopeGivesANullApplication() {
        index.apply("app", TestViews.failed("app", "acme", 1));
        ViewChange change = index.apply("app", TestViews.completed("app", "acme", 2)).orElseThrow();

        List<ServerSentEvent<Object>> built = events.forChange(change, acme, Detail.MODERATE);

        assertThat(built.get(0).data()).isEqualTo(new StatusUpdate("app", null));
        assertThat(built.get(1).data()).isEqualTo(new IssueSummary(0));
    }

    @Test
    void aChangeThatKeepsTheCountGivesNoSummary() {
        index.apply("app", TestViews.failed("app", "acme", 1));
        ViewChange change = index.apply("app", TestViews.partial("app", "acme", 2)).orElseThrow();

        assertThat(events.forChange(change, acme, Detail.MODERATE)).extracting(ServerSentEvent::event)
                .containsExactly("status");
    }

    @Test
    void aRetryAfterAFailureStaysInTheWorkspaceScopeButLeavesTheBannerCount() {
        index.apply("app", TestViews.failed("app", "acme", 1));
        ViewChange change = index.apply("app", TestViews.inProgress("app", "acme", 2, 2)).orElseThrow();

        List<ServerSentEvent<Object>> built = events.forChange(change, acme, Detail.MODERATE);

        assertThat(built.get(0).data()).isInstanceOfSatisfying(StatusUpdate.class,
                update -> assertThat(update.application()).isNotNull());
        assertThat(built.get(1).data()).isEqualTo(new IssueSummary(0));
    }

    @Test
    void anotherWorkspacesChangeGivesNothing() {
        ViewChange change = index.apply("app", TestViews.failed("app", "globex", 1)).orElseThrow();

        assertThat(events.forChange(change, acme, Detail.MODERATE)).isEmpty();
    }

    @Test
    void adminsGetTheFullView() {
        ViewChange change = index.apply("app", TestViews.failed("app", "globex", 1)).orElseThrow();

        List<ServerSentEvent<Object>> built = events.forChange(change, IssueScope.Platform.withIssues(), Detail.FULL);

        assertThat(((StatusUpdate) built.get(0).data()).application()).isSameAs(change.after());
    }

    @Test
    void everyEventOfAChangeHasItsOwnIncreasingId() {
        ViewChange change = index.apply("app", TestViews.failed("app", "acme", 1)).orElseThrow();

        List<ServerSentEvent<Object>> built = events.forChange(change, acme, Detail.MODERATE);

        assertThat(built).extracting(ServerSentEvent::id).containsExactly(
                new EventCursor(7, 1, EventCursor.STATUS).encode(), new EventCursor(7, 1, EventCursor.SUMMARY).encode());
    }

    @Test
    void replayingAChangeFromItsStatusEventGivesOnlyTheSummary() {
        ViewChange change = index.apply("app", TestViews.failed("app", "acme", 1)).orElseThrow();

        assertThat(events.forChangeAfter(change, new EventCursor(7, 1, EventCursor.STATUS), acme, Detail.MODERATE))
                .extracting(ServerSentEvent::event).containsExactly("summary");
    }

    @Test
    void theOpeningIsACommentWithTheReconnectDelay() {
        ServerSentEvent<Object> opening = events.opening(Duration.ofSeconds(3));

        assertThat(opening.comment()).isNotBlank();
        assertThat(opening.retry()).isEqualTo(Duration.ofSeconds(3));
        assertThat(opening.event()).isNull();
    }

    @Test
    void onTheWireTheOpeningSetsRetryAndTheHeartbeatIsACommentLine() {
        MockServerHttpResponse response = new MockServerHttpResponse();

        new ServerSentEventHttpMessageWriter().write(Flux.just(events.opening(Duration.ofSeconds(3)), events.heartbeat()),
                        ResolvableType.forClass(ServerSentEvent.class), MediaType.TEXT_EVENT_STREAM, response, Map.of())
                .block(Duration.ofSeconds(5));

        assertThat(response.getBodyAsString().block(Duration.ofSeconds(5)))
                .isEqualTo("retry:3000\n: provisioning issues\n\n: heartbeat\n\n");
    }

    @Test
    void resyncClearsTheClientsCursor() {
        assertThat(events.resync().event()).isEqualTo("resync");
        assertThat(events.resync().id()).isEmpty();
    }
}
