package dev.provisioningstatus.gateway.stream;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.gateway.query.Detail;
import dev.provisioningstatus.gateway.query.IssueScope;
import dev.provisioningstatus.gateway.query.ProvisioningIssues;
import dev.provisioningstatus.gateway.view.Positioned;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import dev.provisioningstatus.gateway.view.ViewChange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.util.concurrent.Queues;

/**
 * One subscriber's stream of a scope: the opening comment with the reconnect delay, then either
 * a {@code snapshot} or, for a cursor still covered by the index's recent changes, exactly the
 * events missed since it; then live {@code status} and {@code summary} events; heartbeats in
 * between. A cursor that is too old, from another instance, or malformed gets {@code resync}.
 *
 * <p>No gap between the start and the live part: the live subscription is made first, the start
 * is read at a sequence number, and live changes up to that number are dropped. A subscriber
 * that falls {@code subscriberBuffer} changes behind gets {@code resync} and the stream ends;
 * it never slows the index or other subscribers.
 */
public final class IssueStream {

    /** Each stage between the backlog and the socket holds at most this many items: the backlog stays the bound. */
    private static final int PREFETCH = 16;

    private final ProvisioningViewIndex index;
    private final ProvisioningIssues issues;
    private final IssueStreamEvents events;
    private final StreamProperties properties;
    private final Scheduler scheduler;
    private final AtomicInteger subscribers = new AtomicInteger();
    private final Counter cursorResyncs;
    private final Counter overflowResyncs;

    public IssueStream(ProvisioningViewIndex index, ProvisioningIssues issues, IssueStreamEvents events,
            StreamProperties properties, Scheduler scheduler, MeterRegistry meters) {
        this.index = index;
        this.issues = issues;
        this.events = events;
        this.properties = properties;
        this.scheduler = scheduler;
        Gauge.builder("provisioning.gateway.sse.subscribers", subscribers, AtomicInteger::get)
                .description("Open provisioning-issue event streams")
                .register(meters);
        this.cursorResyncs = resyncs(meters, "cursor");
        this.overflowResyncs = resyncs(meters, "overflow");
    }

    public int subscribers() {
        return subscribers.get();
    }

    /**
     * @param lastEventId the id of the last event the client saw, or {@code null} for a fresh snapshot
     * @param maxDuration how long the stream may stay open (until the caller's token expires)
     */
    public Flux<ServerSentEvent<Object>> open(IssueScope scope, Detail detail, String lastEventId,
            Duration maxDuration) {
        return Flux.defer(() -> {
            Sinks.Many<ViewChange> backlog = Sinks.many().unicast()
                    .onBackpressureBuffer(Queues.<ViewChange>get(properties.subscriberBuffer()).get());
            Disposable live = index.changes().filter(scope::isTouchedBy).subscribe(change -> {
                if (backlog.tryEmitNext(change).isFailure()) {
                    backlog.tryEmitError(new BacklogOverflow());
                }
            });
            Optional<Start> start = start(scope, detail, lastEventId);
            Flux<ServerSentEvent<Object>> body;
            if (start.isEmpty()) {
                cursorResyncs.increment();
                body = Flux.just(events.resync());
            } else {
                long position = start.get().position();
                Flux<ServerSentEvent<Object>> changes = backlog.asFlux()
                        .publishOn(scheduler, PREFETCH)
                        .filter(change -> change.sequence() > position)
                        .concatMapIterable(change -> events.forChange(change, scope, detail), PREFETCH)
                        .onErrorResume(BacklogOverflow.class, overflow -> {
                            overflowResyncs.increment();
                            return Mono.just(events.resync());
                        });
                body = Flux.fromIterable(start.get().events()).concatWith(changes);
            }
            Flux<ServerSentEvent<Object>> heartbeats = Flux
                    .interval(properties.heartbeatInterval(), properties.heartbeatInterval(), scheduler)
                    .map(tick -> events.heartbeat());
            return Flux.concat(Mono.just(events.opening(properties.reconnectDelay())),
                            Flux.merge(PREFETCH, body, heartbeats))
                    .takeUntil(IssueStreamEvents::isResync)
                    .takeUntilOther(Mono.delay(maxDuration.isNegative() ? Duration.ZERO : maxDuration, scheduler))
                    .doOnSubscribe(subscription -> subscribers.incrementAndGet())
                    .doFinally(signal -> {
                        subscribers.decrementAndGet();
                        live.dispose();
                    });
        });
    }

    /** Where the subscriber starts: a snapshot, or the events missed since its cursor; empty means resync. */
    private Optional<Start> start(IssueScope scope, Detail detail, String lastEventId) {
        if (lastEventId == null || lastEventId.isEmpty()) {
            Positioned<Selection> selection = index.read(current ->
                    new Selection(scope.select(current), scope.count(current)));
            Object list = issues.body(scope, detail, selection.value().views(), selection.value().count());
            return Optional.of(new Start(selection.sequence(), List.of(events.snapshot(selection.sequence(), list))));
        }
        Optional<EventCursor> cursor = EventCursor.parse(lastEventId).filter(parsed -> parsed.epoch() == events.epoch());
        if (cursor.isEmpty()) {
            return Optional.empty();
        }
        long from = cursor.get().part() == EventCursor.SUMMARY ? cursor.get().sequence() + 1 : cursor.get().sequence();
        return index.changesFrom(from).map(missed -> {
            List<ServerSentEvent<Object>> replay = new ArrayList<>();
            missed.value().forEach(change -> replay.addAll(events.forChangeAfter(change, cursor.get(), scope, detail)));
            return new Start(missed.sequence(), replay);
        });
    }

    private static Counter resyncs(MeterRegistry meters, String cause) {
        return Counter.builder("provisioning.gateway.sse.resyncs")
                .description("Streams told to resync: a cursor too old or foreign, or a subscriber too slow")
                .tag("cause", cause)
                .register(meters);
    }

    private record Selection(List<ApplicationProvisioningView> views, int count) {
    }

    private record Start(long position, List<ServerSentEvent<Object>> events) {
    }

    private static final class BacklogOverflow extends RuntimeException {
        BacklogOverflow() {
            super("subscriber fell too far behind", null, false, false);
        }
    }
}
