package dev.provisioningstatus.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.gateway.TestViews;
import dev.provisioningstatus.gateway.query.ApplicationViewRedactor;
import dev.provisioningstatus.gateway.query.Detail;
import dev.provisioningstatus.gateway.query.IssueScope;
import dev.provisioningstatus.gateway.query.ProvisioningIssues;
import dev.provisioningstatus.gateway.query.WorkspaceIssueList;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class IssueStreamTest {

    private static final long EPOCH = 99;
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final Duration A_DAY = Duration.ofDays(1);
    // Virtual time drives the streams; this real-time bound only turns a regression into a failure, not a hang.
    private static final Duration BOUNDED = Duration.ofSeconds(10);

    private final ProvisioningViewIndex index = new ProvisioningViewIndex(4);
    private final ApplicationViewRedactor redactor = new ApplicationViewRedactor();
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final IssueStream stream = new IssueStream(index, new ProvisioningIssues(index, redactor),
            new IssueStreamEvents(EPOCH, redactor),
            new StreamProperties(HEARTBEAT, Duration.ofSeconds(3), 8, Duration.ofSeconds(60)), time,
            new SimpleMeterRegistry());
    private final IssueScope acme = new IssueScope.Workspace("acme");

    private Flux<ServerSentEvent<Object>> open(String lastEventId) {
        return stream.open(acme, Detail.MODERATE, lastEventId, A_DAY);
    }

    @Test
    void aNewSubscriberGetsTheOpeningCommentThenTheSnapshotOfItsScope() {
        index.apply("app-1", TestViews.failed("app-1", "acme", 1));
        index.apply("app-2", TestViews.failed("app-2", "globex", 1));

        StepVerifier.create(open(null))
                .expectNextMatches(opening())
                .assertNext(snapshot -> {
                    assertThat(snapshot.event()).isEqualTo("snapshot");
                    assertThat(snapshot.id()).isEqualTo(new EventCursor(EPOCH, 2, EventCursor.SUMMARY).encode());
                    assertThat(snapshot.data()).isInstanceOfSatisfying(WorkspaceIssueList.class, list -> {
                        assertThat(list.workspaceId()).isEqualTo("acme");
                        assertThat(list.count()).isEqualTo(1);
                        assertThat(list.applications()).hasSize(1);
                    });
                })
                .thenCancel()
                .verify(BOUNDED);
    }

    @Test
    void changesAfterTheSnapshotArriveAsStatusAndSummaryEvents() {
        StepVerifier.create(open(null))
                .expectNextMatches(opening())
                .expectNextMatches(named("snapshot"))
                .then(() -> index.apply("app-1", TestViews.failed("app-1", "acme", 1)))
                .expectNextMatches(named("status"))
                .expectNextMatches(named("summary"))
                .then(() -> index.apply("app-9", TestViews.failed("app-9", "globex", 1)))
                .then(() -> index.apply("app-1", TestViews.completed("app-1", "acme", 2)))
                .assertNext(status -> assertThat(status.data()).isEqualTo(new StatusUpdate("app-1", null)))
                .expectNextMatches(named("summary"))
                .thenCancel()
                .verify(BOUNDED);
    }

    @Test
    void aReconnectWithTheLastEventIdGetsExactlyTheMissedEvents() {
        index.apply("app-1", TestViews.failed("app-1", "acme", 1));
        String lastSeen = open(null).skip(1).blockFirst().id();
        index.apply("app-1", TestViews.partial("app-1", "acme", 2));
        index.apply("app-2", TestViews.failed("app-2", "acme", 1));

        StepVerifier.create(open(lastSeen))
                .expectNextMatches(opening())
                .assertNext(status -> {
                    assertThat(status.event()).isEqualTo("status");
                    assertThat(status.id()).isEqualTo(new EventCursor(EPOCH, 2, EventCursor.STATUS).encode());
                })
                .assertNext(status -> assertThat(((StatusUpdate) status.data()).applicationId()).isEqualTo("app-2"))
                .assertNext(summary -> assertThat(summary.data()).isEqualTo(new IssueSummary(2)))
                .then(() -> index.apply("app-3", TestViews.failed("app-3", "acme", 1)))
                .expectNextMatches(named("status"))
                .expectNextMatches(named("summary"))
                .thenCancel()
                .verify(BOUNDED);
    }

    @Test
    void aReconnectFromAStatusEventGetsTheSummaryOfTheSameChange() {
        String statusId = new EventCursor(EPOCH, 1, EventCursor.STATUS).encode();
        index.apply("app-1", TestViews.failed("app-1", "acme", 1));

        StepVerifier.create(open(statusId))
                .expectNextMatches(opening())
                .expectNextMatches(named("summary"))
                .thenCancel()
                .verify(BOUNDED);
    }

    @Test
    void aCursorOlderThanTheRecentChangesGetsResyncAndTheStreamEnds() {
        String lastSeen = open(null).skip(1).blockFirst().id();
        for (int version = 1; version <= 6; version++) {
            index.apply("app-1", TestViews.failed("app-1", "acme", version));
        }

        StepVerifier.create(open(lastSeen))
                .expectNextMatches(opening())
                .expectNextMatches(named("resync"))
                .expectComplete()
                .verify(BOUNDED);
    }

    @Test
    void aCursorOfAnotherGatewayInstanceGetsResync() {
        StepVerifier.create(open(new EventCursor(EPOCH + 1, 0, EventCursor.SUMMARY).encode()))
                .expectNextMatches(opening())
                .expectNextMatches(named("resync"))
                .expectComplete()
                .verify(BOUNDED);
    }

    @Test
    void aMalformedCursorGetsResync() {
        StepVerifier.create(open("not-a-cursor\r\nevent: snapshot"))
                .expectNextMatches(opening())
                .expectNextMatches(named("resync"))
                .expectComplete()
                .verify(BOUNDED);
    }

    @Test
    void anIdleStreamSendsAHeartbeatEveryInterval() {
        StepVerifier.create(open(null))
                .expectNextMatches(opening())
                .expectNextMatches(named("snapshot"))
                .then(() -> time.advanceTimeBy(HEARTBEAT))
                .assertNext(heartbeat -> assertThat(heartbeat.comment()).isEqualTo(" heartbeat"))
                .then(() -> time.advanceTimeBy(HEARTBEAT))
                .assertNext(heartbeat -> assertThat(heartbeat.comment()).isEqualTo(" heartbeat"))
                .thenCancel()
                .verify(BOUNDED);
    }

    @Test
    void aSubscriberThatFallsTooFarBehindGetsResyncInsteadOfAnUnboundedBacklog() {
        StepVerifier.create(open(null), 2)
                .expectNextMatches(opening())
                .expectNextMatches(named("snapshot"))
                .then(() -> {
                    for (int i = 0; i < 200; i++) {
                        index.apply("app-" + i, TestViews.failed("app-" + i, "acme", 1));
                    }
                })
                .thenRequest(Long.MAX_VALUE)
                .thenConsumeWhile(event -> !IssueStreamEvents.isResync(event))
                .expectNextMatches(named("resync"))
                .expectComplete()
                .verify(BOUNDED);
    }

    @Test
    void aSlowSubscriberNeitherDelaysAFastOneNorGetsAGap() {
        List<ServerSentEvent<Object>> fast = new ArrayList<>();
        open(null).subscribe(fast::add);
        Recorder slow = new Recorder();
        open(null).subscribe(slow);
        List<String> changed = new ArrayList<>();

        for (int i = 0; i < 200; i++) {
            index.apply("app-" + i, TestViews.failed("app-" + i, "acme", 1));
            changed.add("app-" + i);
        }

        assertThat(fast).filteredOn(named("status"))
                .extracting(event -> ((StatusUpdate) event.data()).applicationId())
                .containsExactlyElementsOf(changed);
        assertThat(slow.events).isEmpty();
        slow.requestUnbounded();
        assertThat(slow.events).last().matches(named("resync"));
        assertThat(slow.events).filteredOn(named("status")).hasSizeLessThan(changed.size());
        assertThat(slow.completed).isTrue();
    }

    @Test
    void theStreamEndsWhenTheCallersTokenExpires() {
        StepVerifier.create(stream.open(acme, Detail.MODERATE, null, Duration.ofMinutes(5)))
                .expectNextMatches(opening())
                .expectNextMatches(named("snapshot"))
                .then(() -> time.advanceTimeBy(Duration.ofMinutes(5)))
                .thenConsumeWhile(event -> event.comment() != null)
                .expectComplete()
                .verify(BOUNDED);
    }

    @Test
    void subscribersAreCountedWhileConnected() {
        StepVerifier.create(open(null))
                .expectNextMatches(opening())
                .then(() -> assertThat(stream.subscribers()).isEqualTo(1))
                .thenCancel()
                .verify(BOUNDED);

        assertThat(stream.subscribers()).isZero();
    }

    /** A subscriber that requests nothing until told to: a client that stopped reading. */
    private static final class Recorder extends BaseSubscriber<ServerSentEvent<Object>> {

        final List<ServerSentEvent<Object>> events = new ArrayList<>();
        boolean completed;

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
        }

        @Override
        protected void hookOnNext(ServerSentEvent<Object> event) {
            events.add(event);
        }

        @Override
        protected void hookOnComplete() {
            completed = true;
        }
    }

    private static Predicate<ServerSentEvent<Object>> opening() {
        return event -> event.event() == null && event.comment() != null
                && Duration.ofSeconds(3).equals(event.retry());
    }

    private static Predicate<ServerSentEvent<Object>> named(String name) {
        return event -> name.equals(event.event());
    }
}
