package dev.provisioningstatus.statusview.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.statusview.StatusViewApplication;
import dev.provisioningstatus.statusview.crash.DoomedStatusView.PartitionOffset;
import dev.provisioningstatus.statusview.crash.ProvisioningTraffic.Application;
import dev.provisioningstatus.testsupport.KafkaBroker;
import dev.provisioningstatus.testsupport.RealKafka;
import dev.provisioningstatus.testsupport.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The status view dies without a clean shutdown in the middle of a stream of provisioning events, with a
 * transaction open, and a new instance of the same application id takes over. Read {@code read_committed},
 * {@code provisioning.status} must then hold, per application, exactly the views its events call for:
 * versions 1..N without gap or duplicate, every view a state that happened, the last one reflecting every
 * event.
 *
 * <p>The doomed instance runs the service's topology and Streams settings in a child JVM that is killed
 * with SIGKILL while a view it wrote is in an uncommitted transaction ({@link DoomedStatusView}). The
 * successor is the application as {@code main} runs it, in this JVM, with an empty state directory: a
 * replacement machine, which has only the changelog to restore the fold state from.
 */
@RealKafka
class StatusViewCrashRealKafkaTest {

    private static final Logger log = LoggerFactory.getLogger(StatusViewCrashRealKafkaTest.class);

    private static final int APPLICATIONS = 50;
    /** Generous, for a shared 2-core machine: only correctness is asserted, never time. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    /** Between two rounds of events (one event per application): a steady stream rather than one burst. */
    private static final Duration PACE = Duration.ofMillis(100);

    @TempDir
    Path work;

    @Test
    void instanceKilledWithAnOpenTransactionIsTakenOverWithoutLosingDuplicatingOrInventingAView(KafkaBroker broker)
            throws Exception {
        String bootstrapServers = broker.bootstrapServers();
        TestTopics.create(bootstrapServers, Topics.ALL);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String applicationId = "status-view-crash-" + run;
        String keyPrefix = "crash-" + run + "-";
        ProvisioningTraffic traffic = ProvisioningTraffic.of(APPLICATIONS, keyPrefix);
        List<List<ProvisioningEvent>> rounds = traffic.rounds();
        // The doomed instance freezes halfway through the views of the first 60% of the rounds; the other
        // rounds wait for its death, so events keep coming while the successor takes over.
        int roundsBeforeCrash = rounds.size() * 3 / 5;
        long crashAfterViews = APPLICATIONS + (traffic.viewsPublishedBy(roundsBeforeCrash) - APPLICATIONS) / 2;
        int eventsBeforeCrash = rounds.subList(0, roundsBeforeCrash).stream().mapToInt(List::size).sum();

        CountDownLatch crashed = new CountDownLatch(1);
        ScheduledExecutorService pacing = Executors.newSingleThreadScheduledExecutor();
        CompletableFuture<Void> production = null;
        ConfigurableApplicationContext successor = null;
        try (DoomedStatusView doomed = DoomedStatusView.start(bootstrapServers, applicationId,
                work.resolve("doomed-state"), keyPrefix, crashAfterViews, work.resolve("doomed-status-view.log"));
                StatusTopicReader committed = StatusTopicReader.readCommitted(bootstrapServers, keyPrefix);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            // Registrations first: an event folded before its registration publishes nothing, which would make
            // the expected views depend on how Streams interleaves the two input topics.
            try (var registrations = producer(bootstrapServers, Topics.APPLICATIONS.valueSerde().serializer())) {
                send(registrations, Topics.APPLICATIONS.name(), traffic.registrations(),
                        ApplicationRegistered::applicationId);
            }
            await("every registration published").atMost(PATIENCE).until(() -> {
                committed.poll();
                return committed.viewCount() == APPLICATIONS;
            });

            production = produce(pacing, bootstrapServers, rounds, roundsBeforeCrash, crashed);
            await("the doomed instance froze").atMost(PATIENCE).until(doomed::frozen);
            doomed.kill();
            PartitionOffset openTransaction = doomed.openTransactionAt();
            committed.readToEnd();
            int viewsCommittedBeforeCrash = committed.viewCount();
            log.info("Killed the doomed instance after it wrote provisioning.status {}@{}; its successor takes over",
                    openTransaction.partition(), openTransaction.offset());
            crashed.countDown();

            successor = StatusViewApplication.application().run(
                    "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                    "--spring.kafka.streams.application-id=" + applicationId,
                    "--spring.kafka.streams.state-dir=" + work.resolve("successor-state"),
                    "--server.port=0", "--server.address=127.0.0.1");
            production.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            // Awaits progress, not the expected output: whatever the successor publishes is judged below.
            await("the successor consumed every event").atMost(PATIENCE)
                    .until(() -> inputFullyConsumed(admin, applicationId));
            committed.readToEnd();

            try (StatusTopicReader uncommitted = StatusTopicReader.readUncommitted(bootstrapServers, keyPrefix)) {
                uncommitted.readToEnd();
                Tally tally = Tally.of(traffic, committed, uncommitted);
                log.info("Crash test: {} applications, {} events produced ({} before the crash, {} after), {} views "
                                + "expected, {} views read read_committed ({} committed before the crash), "
                                + "{} duplicates, {} gaps, {} versions beyond the expected ones, {} aborted views "
                                + "(seen only read_uncommitted)",
                        APPLICATIONS, traffic.eventCount(), eventsBeforeCrash, traffic.eventCount() - eventsBeforeCrash,
                        tally.expectedViews(), committed.viewCount(), viewsCommittedBeforeCrash, tally.duplicates(),
                        tally.gaps(), tally.unexpected(), tally.abortedViews());

                assertThat(uncommitted.hasRecordAt(openTransaction))
                        .as("the view the killed instance wrote in its open transaction is in the log").isTrue();
                assertThat(committed.hasRecordAt(openTransaction))
                        .as("a read_committed reader never sees a view of the aborted transaction").isFalse();
                assertThat(tally.duplicates()).as("duplicated versions").isZero();
                assertThat(tally.gaps()).as("missing versions").isZero();
                assertThat(tally.unexpected()).as("versions beyond the expected ones").isZero();
                traffic.applications().forEach(application -> assertViewsOf(application,
                        committed.views().getOrDefault(application.applicationId(), List.of())));
            }
        } finally {
            crashed.countDown();
            if (production != null) {
                production.cancel(false);
            }
            pacing.shutdownNow();
            if (successor != null) {
                successor.close();
            }
        }
    }

    /** Versions 1..N, each view the one the fold publishes at that point, the statuses and the end the plan says. */
    private static void assertViewsOf(Application application, List<ApplicationProvisioningView> views) {
        String id = application.applicationId();
        assertThat(views).extracting(ApplicationProvisioningView::version).as("versions of %s", id)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, application.expectedViewCount()).boxed().toList());
        assertThat(views).as("views of %s, against the fold of its events in order", id)
                .containsExactlyElementsOf(ProvisioningTraffic.foldedViews(application));
        assertThat(statusPath(views)).as("statuses of %s", id)
                .containsExactlyElementsOf(application.expectedStatusPath());
        ApplicationProvisioningView last = views.get(views.size() - 1);
        assertThat(last.status()).as("final status of %s", id).isEqualTo(ProvisioningStatus.COMPLETED);
        assertThat(last.attempt()).as("final attempt of %s", id).isEqualTo(application.lastAttempt().number());
        assertThat(last.lastAttemptAt()).as("last attempt's start of %s", id)
                .isEqualTo(application.lastAttempt().startedAt());
        assertThat(last.environments()).as("final environments of %s", id)
                .containsExactlyElementsOf(application.expectedFinalConditions());
    }

    /** The statuses a reader saw one after the other, repeats folded into one. */
    private static List<ProvisioningStatus> statusPath(List<ApplicationProvisioningView> views) {
        List<ProvisioningStatus> path = new ArrayList<>();
        for (ApplicationProvisioningView view : views) {
            if (path.isEmpty() || path.get(path.size() - 1) != view.status()) {
                path.add(view.status());
            }
        }
        return path;
    }

    /** The figures the test prints: versions per application against 1..N, and what only read_uncommitted shows. */
    private record Tally(long expectedViews, long duplicates, long gaps, long unexpected, long abortedViews) {

        static Tally of(ProvisioningTraffic traffic, StatusTopicReader committed, StatusTopicReader uncommitted) {
            long expectedViews = 0;
            long duplicates = 0;
            long gaps = 0;
            long unexpected = 0;
            for (Application application : traffic.applications()) {
                List<Long> versions = committed.views().getOrDefault(application.applicationId(), List.of()).stream()
                        .map(ApplicationProvisioningView::version)
                        .toList();
                long expected = application.expectedViewCount();
                expectedViews += expected;
                duplicates += versions.size() - versions.stream().distinct().count();
                gaps += LongStream.rangeClosed(1, expected).filter(version -> !versions.contains(version)).count();
                unexpected += versions.stream().distinct().filter(version -> version < 1 || version > expected).count();
            }
            long abortedViews = uncommitted.viewOffsets().stream().filter(at -> !committed.hasRecordAt(at)).count();
            return new Tally(expectedViews, duplicates, gaps, unexpected, abortedViews);
        }
    }

    /**
     * Sends one round every {@code PACE}, the rounds from {@code roundsBeforeCrash} on only once the
     * doomed instance died; completes when every round is acknowledged.
     */
    private static CompletableFuture<Void> produce(ScheduledExecutorService pacing, String bootstrapServers,
            List<List<ProvisioningEvent>> rounds, int roundsBeforeCrash, CountDownLatch crashed) {
        KafkaProducer<String, ProvisioningEvent> events = producer(bootstrapServers,
                Topics.PROVISIONING_EVENTS.valueSerde().serializer());
        CompletableFuture<Void> done = new CompletableFuture<>();
        done.whenComplete((ignored, failure) -> events.close());
        AtomicInteger next = new AtomicInteger();
        pacing.scheduleWithFixedDelay(() -> {
            int round = next.get();
            if (done.isDone() || round == roundsBeforeCrash && crashed.getCount() > 0) {
                return;
            }
            try {
                send(events, Topics.PROVISIONING_EVENTS.name(), rounds.get(round), ProvisioningEvent::applicationId);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done.completeExceptionally(e);
                return;
            } catch (ExecutionException e) {
                done.completeExceptionally(e);
                return;
            }
            if (next.incrementAndGet() == rounds.size()) {
                done.complete(null);
            }
        }, 0, PACE.toMillis(), TimeUnit.MILLISECONDS);
        return done;
    }

    private static <V> KafkaProducer<String, V> producer(String bootstrapServers, Serializer<V> contractSerializer) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), contractSerializer);
    }

    /** Sends {@code values} keyed by their application id and waits until every one is acknowledged. */
    private static <V> void send(KafkaProducer<String, V> producer, String topic, List<V> values,
            Function<V, String> applicationId) throws InterruptedException, ExecutionException {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (V value : values) {
            sent.add(producer.send(new ProducerRecord<>(topic, applicationId.apply(value), value)));
        }
        for (Future<RecordMetadata> send : sent) {
            send.get();
        }
    }

    /** Every record of both input topics is behind the application id's committed offsets. */
    private static boolean inputFullyConsumed(Admin admin, String applicationId)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> consumed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(Topics.APPLICATIONS.name(), Topics.PROVISIONING_EVENTS.name()))
                .allTopicNames().get()
                .forEach((topic, description) -> description.partitions().forEach(partition ->
                        latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest())));
        return admin.listOffsets(latest).all().get().entrySet().stream().allMatch(end ->
                Optional.ofNullable(consumed.get(end.getKey())).map(OffsetAndMetadata::offset).orElse(0L)
                        >= end.getValue().offset());
    }
}
