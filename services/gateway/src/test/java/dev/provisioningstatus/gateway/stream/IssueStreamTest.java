package dev.provisioningstatus.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.gateway.StatusLog;
import dev.provisioningstatus.gateway.TestViews;
import dev.provisioningstatus.gateway.query.ApplicationView;
import dev.provisioningstatus.gateway.query.ApplicationViewRedactor;
import dev.provisioningstatus.gateway.query.Detail;
import dev.provisioningstatus.gateway.query.IssueScope;
import dev.provisioningstatus.gateway.query.ProvisioningIssues;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import dev.provisioningstatus.gateway.view.ViewPosition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class IssueStreamTest {

    private static final Duration A_DAY = Duration.ofDays(1);
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final ProvisioningViewIndex index = new ProvisioningViewIndex();
    private final StatusLog log = new StatusLog(index);
    private final ApplicationViewRedactor redactor = new ApplicationViewRedactor();
    private final IssueStreamEvents events = new IssueStreamEvents(JsonMapper.builder().build(), redactor,
            new ProvisioningIssues(index, redactor));
    private final IssueStream stream = stream(Duration.ofSeconds(15));
    private final List<IssueStream> opened = new ArrayList<>();
    private final IssueScope acme = new IssueScope.Workspace("acme");

    @AfterEach
    void closeStreams() {
        stream.close();
        opened.forEach(IssueStream::close);
    }

    @Test
    void aNewSubscriberGetsTheOpeningCommentThenTheSnapshotOfItsScope() {
        log.apply("app-1", TestViews.failed("app-1", "acme", 1));
        log.apply("app-2", TestViews.failed("app-2", "globex", 1));

        TestSubscriber subscriber = subscribe(null);

        awaitTypes(subscriber, "snapshot");
        assertThat(subscriber.text()).startsWith(": provisioning issues\nretry:3000\n\n");
        TestSubscriber.Event snapshot = subscriber.events().get(0);
        assertThat(snapshot.data()).contains("\"workspaceId\":\"acme\"", "\"count\":1", "app-1").doesNotContain("app-2");
        assertThat(position(snapshot.id()).nextOffset(0)).as("the snapshot reflects both records").isEqualTo(2);
    }

    @Test
    void aChangeThatMovesTheCountGivesAStatusThenASummaryThatCarriesTheId() {
        TestSubscriber subscriber = subscribe(null);
        awaitTypes(subscriber, "snapshot");

        log.apply("app-1", TestViews.failed("app-1", "acme", 1));

        awaitTypes(subscriber, "snapshot", "status", "summary");
        List<TestSubscriber.Event> change = subscriber.events().subList(1, 3);
        assertThat(change.get(0).id()).isNull();
        assertThat(change.get(1).data()).isEqualTo("{\"count\":1}");
        assertThat(position(change.get(1).id()).nextOffset(0)).isEqualTo(1);
    }

    @Test
    void aChangeThatKeepsTheCountGivesAStatusThatCarriesTheId() {
        log.apply("app-1", TestViews.failed("app-1", "acme", 1));
        TestSubscriber subscriber = subscribe(null);
        awaitTypes(subscriber, "snapshot");

        log.apply("app-1", TestViews.partial("app-1", "acme", 2));

        awaitTypes(subscriber, "snapshot", "status");
        assertThat(position(subscriber.events().get(1).id()).nextOffset(0)).isEqualTo(2);
    }

    @Test
    void aReconnectGetsTheLatestStateOfEveryApplicationChangedSinceItsCursorThenASummary() {
        log.apply("app-1", TestViews.failed("app-1", "acme", 1));
        log.apply("app-4", TestViews.failed("app-4", "acme", 1));
        TestSubscriber first = subscribe(null);
        awaitTypes(first, "snapshot");
        first.dispose();
        log.apply("app-1", TestViews.failed("app-1", "acme", 2));
        log.apply("app-1", TestViews.partial("app-1", "acme", 3));
        log.apply("app-2", TestViews.failed("app-2", "acme", 1));
        log.apply("app-4", null);
        log.apply("app-9", TestViews.failed("app-9", "globex", 1));

        TestSubscriber resumed = subscribe(first.lastId());

        awaitTypes(resumed, "status", "status", "status", "summary");
        List<TestSubscriber.Event> got = resumed.events();
        assertThat(got.get(0).data()).contains("\"applicationId\":\"app-1\"", "\"status\":\"partial\"");
        assertThat(got.get(1).data()).contains("\"applicationId\":\"app-2\"");
        assertThat(got.get(2).data()).isEqualTo("{\"applicationId\":\"app-4\",\"application\":null}");
        assertThat(got.get(3).data()).isEqualTo("{\"count\":2}");
        assertThat(got).extracting(TestSubscriber.Event::id).as("only the summary marks a whole state")
                .containsExactly(null, null, null, got.get(3).id());
        assertThat(position(got.get(3).id()).nextOffset(0)).isEqualTo(log.nextOffset());
    }

    @Test
    void aCursorAheadOfTheIndexIsAnsweredOnlyOnceTheIndexHasReadThatFar() {
        log.apply("app-1", TestViews.failed("app-1", "acme", 1));
        String ahead = new EventCursor(new ViewPosition(StatusLog.TOPIC_ID, new long[] {log.nextOffset() + 1}),
                Instant.now()).encode();

        TestSubscriber resumed = subscribe(ahead);
        await().during(Duration.ofMillis(500)).atMost(PATIENCE).until(() -> resumed.events().isEmpty());
        log.apply("app-2", TestViews.completed("app-2", "globex", 1));

        awaitTypes(resumed, "summary");
        assertThat(position(resumed.lastId()).nextOffset(0)).isEqualTo(log.nextOffset());
    }

    @Test
    void aCursorOfAnotherTopicGetsResyncAndTheStreamEnds() {
        String otherTopic = new EventCursor(new ViewPosition("b3RoZXItdG9waWMtaWQtMQ", new long[] {0}), Instant.now())
                .encode();

        assertResync(subscribe(otherTopic));
    }

    @Test
    void aCursorOlderThanTheTombstoneRetentionGetsResync() {
        String old = new EventCursor(new ViewPosition(StatusLog.TOPIC_ID, new long[] {0}),
                Instant.now().minus(StatusLog.DELETION_RETENTION).minus(Duration.ofMinutes(1))).encode();

        assertResync(subscribe(old));
    }

    @Test
    void aMalformedCursorGetsResync() {
        assertResync(subscribe("1.2.1"));
    }

    @Test
    void aSubscriberWhoseSocketTakesNoBytesCatchesUpOnceItDoesWithoutResync() {
        log.apply("app-1", TestViews.failed("app-1", "acme", 1));
        TestSubscriber fast = subscribe(null);
        TestSubscriber slow = subscribe(null);
        awaitTypes(slow, "snapshot");
        awaitTypes(fast, "snapshot");

        slow.writable = false;
        for (int version = 2; version <= 6; version++) {
            log.apply("app-1", version % 2 == 0 ? TestViews.partial("app-1", "acme", version)
                    : TestViews.failed("app-1", "acme", version));
        }
        log.apply("app-2", TestViews.failed("app-2", "acme", 1));
        awaitTypes(fast, "snapshot", "status", "status", "status", "status", "status", "status", "summary");
        assertThat(slow.types()).containsExactly("snapshot");

        slow.writable = true;
        awaitTypes(slow, "snapshot", "status", "status", "summary");
        assertThat(slow.events().get(1).data()).as("the latest state of app-1 only").contains("\"version\":6");
        assertThat(position(slow.lastId())).as("the same position, whenever each was issued")
                .isEqualTo(position(fast.lastId()));
    }

    @Test
    void changesAreWrittenFromTheSubscribersWriterInTheirOrder() {
        List<Runnable> writes = new ArrayList<>();
        TestSubscriber subscriber = subscribeWrittenBy(writes);

        log.apply("app-1", TestViews.failed("app-1", "acme", 1));
        log.apply("app-1", TestViews.partial("app-1", "acme", 2));
        assertThat(subscriber.types()).as("nothing written by the reader of the topic").containsExactly("snapshot");

        writes.forEach(Runnable::run);
        assertThat(subscriber.types()).containsExactly("snapshot", "status", "summary", "status");
        assertThat(subscriber.events().get(3).data()).contains("\"version\":2");
    }

    @Test
    void aChangeThatACatchUpAlreadyBroughtIsNotWrittenAgain() {
        List<Runnable> writes = new ArrayList<>();
        TestSubscriber subscriber = subscribeWrittenBy(writes);
        log.apply("app-1", TestViews.failed("app-1", "acme", 1));
        log.apply("app-2", TestViews.failed("app-2", "acme", 1));

        subscriber.writable = false;
        writes.get(0).run();
        subscriber.writable = true;
        awaitTypes(subscriber, "snapshot", "status", "status", "summary");
        writes.get(1).run();

        assertThat(subscriber.types()).as("app-2 came with the catch-up, once")
                .containsExactly("snapshot", "status", "status", "summary");
    }

    @Test
    void theSameChangeIsTheSameBytesForEverySubscriberOfAScopeAndDetail() {
        TestSubscriber one = subscribe(null);
        TestSubscriber two = subscribe(null);
        awaitTypes(one, "snapshot");
        awaitTypes(two, "snapshot");

        log.apply("app-1", TestViews.failed("app-1", "acme", 1));

        awaitTypes(one, "snapshot", "status", "summary");
        awaitTypes(two, "snapshot", "status", "summary");
        assertThat(one.events().subList(1, 3)).isEqualTo(two.events().subList(1, 3));
    }

    @Test
    void aSnapshotIsRenderedOutsideTheIndexsLock() {
        log.apply("app-1", TestViews.failed("app-1", "acme", 1));
        AtomicReference<Boolean> lockHeldWhileRendering = new AtomicReference<>();
        ApplicationViewRedactor watchingTheLock = new ApplicationViewRedactor() {
            @Override
            public ApplicationView render(ApplicationProvisioningView view, Detail detail) {
                lockHeldWhileRendering.compareAndSet(null, Thread.holdsLock(index));
                return super.render(view, detail);
            }
        };

        subscribeTo(stream(watchingTheLock), null);

        await().atMost(PATIENCE).until(() -> lockHeldWhileRendering.get() != null);
        assertThat(lockHeldWhileRendering.get()).isFalse();
    }

    @Test
    void aChangeAppliedWhileTheSnapshotRendersFollowsIt() {
        log.apply("app-1", TestViews.failed("app-1", "acme", 1));
        AtomicBoolean first = new AtomicBoolean(true);
        ApplicationViewRedactor changingWhileRendering = new ApplicationViewRedactor() {
            @Override
            public ApplicationView render(ApplicationProvisioningView view, Detail detail) {
                if (first.getAndSet(false)) {
                    log.apply("app-2", TestViews.failed("app-2", "acme", 1));
                }
                return super.render(view, detail);
            }
        };

        TestSubscriber subscriber = subscribeTo(stream(changingWhileRendering), null);

        awaitTypes(subscriber, "snapshot", "status", "summary");
        List<TestSubscriber.Event> events = subscriber.events();
        assertThat(events.get(0).data()).contains("app-1").doesNotContain("app-2");
        assertThat(position(events.get(0).id()).nextOffset(0)).isEqualTo(1);
        assertThat(events.get(1).data()).contains("app-2");
        assertThat(events.get(2).data()).isEqualTo("{\"count\":2}");
        assertThat(position(events.get(2).id())).isEqualTo(index.position());
    }

    @Test
    void anIdleStreamSendsHeartbeats() {
        try (IssueStream quick = stream(Duration.ofMillis(10))) {
            TestSubscriber subscriber = new TestSubscriber();
            quick.open(acme, Detail.MODERATE, null, A_DAY, subscriber::wrap, subscriber::writable, Runnable::run).subscribe(subscriber);

            await().atMost(PATIENCE).until(() -> subscriber.text().contains(": heartbeat\n\n"));
        }
    }

    @Test
    void theStreamEndsWhenTheCallersTokenExpires() {
        TestSubscriber subscriber = new TestSubscriber();
        stream.open(acme, Detail.MODERATE, null, Duration.ZERO, subscriber::wrap, subscriber::writable, Runnable::run)
                .subscribe(subscriber);

        await().atMost(PATIENCE).until(subscriber::completed);
        assertThat(stream.subscribers()).isZero();
    }

    @Test
    void subscribersAreCountedWhileConnected() {
        TestSubscriber subscriber = subscribe(null);
        awaitTypes(subscriber, "snapshot");
        assertThat(stream.subscribers()).isEqualTo(1);

        subscriber.dispose();

        assertThat(stream.subscribers()).isZero();
    }

    private IssueStream stream(Duration heartbeat) {
        return stream(heartbeat, events);
    }

    private IssueStream stream(Duration heartbeat, IssueStreamEvents streamEvents) {
        return new IssueStream(index, streamEvents,
                new StreamProperties(heartbeat, Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(60)),
                Clock.systemUTC(), new SimpleMeterRegistry());
    }

    /** A stream whose views are rendered by {@code redactor}; closed after the test. */
    private IssueStream stream(ApplicationViewRedactor redactor) {
        IssueStream rendering = stream(Duration.ofSeconds(15), new IssueStreamEvents(JsonMapper.builder().build(),
                redactor, new ProvisioningIssues(index, redactor)));
        opened.add(rendering);
        return rendering;
    }

    private TestSubscriber subscribe(String lastEventId) {
        return subscribeTo(stream, lastEventId);
    }

    private TestSubscriber subscribeTo(IssueStream stream, String lastEventId) {
        TestSubscriber subscriber = new TestSubscriber();
        stream.open(acme, Detail.MODERATE, lastEventId, A_DAY, subscriber::wrap, subscriber::writable, Runnable::run)
                .subscribe(subscriber);
        return subscriber;
    }

    /** A subscriber past its snapshot whose live changes wait in {@code writes} until the test runs them. */
    private TestSubscriber subscribeWrittenBy(List<Runnable> writes) {
        TestSubscriber subscriber = new TestSubscriber();
        stream.open(acme, Detail.MODERATE, null, A_DAY, subscriber::wrap, subscriber::writable, writes::add)
                .subscribe(subscriber);
        awaitTypes(subscriber, "snapshot");
        return subscriber;
    }

    private static void awaitTypes(TestSubscriber subscriber, String... types) {
        await().atMost(PATIENCE).until(() -> subscriber.types().size() >= types.length);
        assertThat(subscriber.types()).containsExactly(types);
    }

    private static void assertResync(TestSubscriber subscriber) {
        await().atMost(PATIENCE).until(subscriber::completed);
        assertThat(subscriber.events()).singleElement().satisfies(resync -> {
            assertThat(resync.type()).isEqualTo("resync");
            assertThat(resync.id()).as("an empty id clears the client's cursor").isEmpty();
            assertThat(resync.data()).isEqualTo("{}");
        });
    }

    private static ViewPosition position(String id) {
        return EventCursor.parse(id).orElseThrow().position();
    }
}
