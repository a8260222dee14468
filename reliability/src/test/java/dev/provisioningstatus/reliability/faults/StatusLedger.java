package dev.provisioningstatus.reliability.faults;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.ProvisioningFinished;
import dev.provisioningstatus.events.ProvisioningRequestRejected;
import dev.provisioningstatus.events.ProvisioningStarted;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.statusview.view.ApplicationFoldState;
import dev.provisioningstatus.statusview.view.FoldResult;
import dev.provisioningstatus.statusview.view.ProvisioningViewFolder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The verifier: reads {@code applications}, {@code provisioning.events} and
 * {@code provisioning.status} from the beginning with {@code read_committed}, folds the inputs with
 * the status view's own rules ({@link ProvisioningViewFolder}, pure and deterministic) into the views
 * that must have been published, and compares them, version by version, with the views that were.
 */
final class StatusLedger implements AutoCloseable {

    /** What the comparison found. */
    record Findings(int applications, long events, int expectedViews, int readViews, int lost, int duplicated,
            int outOfOrder, int phantom, List<String> problems) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Map<String, ApplicationRegistered> registrations = new HashMap<>();
    private final Map<String, List<ProvisioningEvent>> events = new LinkedHashMap<>();
    private final Map<String, List<ApplicationProvisioningView>> published = new LinkedHashMap<>();
    private long eventCount;

    StatusLedger(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (String topic : List.of(Topics.APPLICATIONS.name(), Topics.PROVISIONING_EVENTS.name(),
                Topics.PROVISIONING_STATUS.name())) {
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * Reads whatever was committed since the last call, up to the current ends of the three topics
     * (or less, when a transaction is still open there: the next call reads on).
     */
    StatusLedger refresh() {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        for (int polls = 0; polls < 100
                && partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition)); polls++) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                read(record);
            }
        }
        return this;
    }

    private void read(ConsumerRecord<byte[], byte[]> record) {
        String topic = record.topic();
        if (topic.equals(Topics.APPLICATIONS.name())) {
            ApplicationRegistered registration = Topics.APPLICATIONS.valueSerde().deserializer()
                    .deserialize(topic, record.value());
            registrations.put(registration.applicationId(), registration);
        } else if (topic.equals(Topics.PROVISIONING_EVENTS.name())) {
            ProvisioningEvent event = Topics.PROVISIONING_EVENTS.valueSerde().deserializer()
                    .deserialize(topic, record.value());
            events.computeIfAbsent(event.applicationId(), id -> new ArrayList<>()).add(event);
            eventCount++;
        } else {
            ApplicationProvisioningView view = Topics.PROVISIONING_STATUS.valueSerde().deserializer()
                    .deserialize(topic, record.value());
            published.computeIfAbsent(view.applicationId(), id -> new ArrayList<>()).add(view);
        }
    }

    /**
     * Every application's published views against the views its inputs call for: versions 1..N
     * once each, in order, each equal to the fold's view of that version.
     */
    Findings compare() {
        int expectedViews = 0;
        int readViews = 0;
        int lost = 0;
        int duplicated = 0;
        int outOfOrder = 0;
        int phantom = 0;
        List<String> problems = new ArrayList<>();
        BiConsumer<String, String> problem = (applicationId, what) -> {
            if (problems.size() < 20) {
                problems.add(applicationId + ": " + what);
            }
        };
        TreeSet<String> applications = new TreeSet<>(registrations.keySet());
        applications.addAll(published.keySet());
        for (String applicationId : applications) {
            List<ApplicationProvisioningView> actual = published.getOrDefault(applicationId, List.of());
            List<ApplicationProvisioningView> expected = expectedViews(applicationId, actual);
            expectedViews += expected.size();
            readViews += actual.size();
            Map<Long, Integer> seen = new HashMap<>();
            long previous = 0;
            for (ApplicationProvisioningView view : actual) {
                int times = seen.merge(view.version(), 1, Integer::sum);
                if (times > 1) {
                    duplicated++;
                    problem.accept(applicationId, "version " + view.version() + " read " + times + " times");
                } else if (view.version() != previous + 1) {
                    outOfOrder++;
                    problem.accept(applicationId, "version " + view.version() + " after " + previous);
                }
                previous = view.version();
                if (view.version() < 1 || view.version() > expected.size()) {
                    phantom++;
                    problem.accept(applicationId, "version " + view.version() + " beyond the " + expected.size()
                            + " its events call for: " + view);
                } else if (!view.equals(expected.get((int) view.version() - 1))) {
                    phantom++;
                    problem.accept(applicationId, "version " + view.version() + " shows a state that did not happen: "
                            + view + "\n  expected " + expected.get((int) view.version() - 1));
                }
            }
            for (int version = 1; version <= expected.size(); version++) {
                if (!seen.containsKey((long) version)) {
                    lost++;
                    problem.accept(applicationId, "version " + version + " never published");
                }
            }
        }
        return new Findings(applications.size(), eventCount, expectedViews, readViews, lost, duplicated, outOfOrder,
                phantom, problems);
    }

    /** Applications registered on {@code applications}. */
    Set<String> registeredApplications() {
        return Set.copyOf(registrations.keySet());
    }

    /** Command ids the worker answered: a run started for the command, or it was refused. */
    Set<String> answeredCommands() {
        Set<String> answered = new HashSet<>();
        events.values().forEach(list -> list.forEach(event -> {
            if (event instanceof ProvisioningStarted started) {
                answered.add(started.commandId());
            } else if (event instanceof ProvisioningRequestRejected rejected) {
                answered.add(rejected.commandId());
            }
        }));
        return answered;
    }

    /** Runs ("application attempt n") that published {@code ProvisioningStarted} but no {@code ProvisioningFinished}. */
    List<String> unfinishedRuns(Predicate<String> applications) {
        List<String> unfinished = new ArrayList<>();
        events.forEach((applicationId, list) -> {
            if (!applications.test(applicationId)) {
                return;
            }
            Set<Integer> finished = new HashSet<>();
            list.stream().filter(ProvisioningFinished.class::isInstance).forEach(event -> finished.add(event.attempt()));
            list.stream().filter(ProvisioningStarted.class::isInstance).map(ProvisioningEvent::attempt).distinct()
                    .filter(attempt -> !finished.contains(attempt))
                    .forEach(attempt -> unfinished.add(applicationId + " attempt " + attempt));
        });
        return unfinished;
    }

    /** How often each of this application's event ids was read from {@code provisioning.events}. */
    Map<String, Long> eventIdReads(String applicationId) {
        return events.getOrDefault(applicationId, List.of()).stream()
                .collect(Collectors.groupingBy(ProvisioningEvent::eventId, TreeMap::new, Collectors.counting()));
    }

    /** Every application's last published view. */
    Map<String, ApplicationProvisioningView> latestViews() {
        Map<String, ApplicationProvisioningView> latest = new TreeMap<>();
        published.forEach((applicationId, views) -> latest.put(applicationId, views.get(views.size() - 1)));
        return latest;
    }

    /**
     * The views the status view must publish for this application's inputs, in order. The registration
     * and the events are on two topics, so the fold may read some of the events first (it keeps them
     * until the registration arrives); any such interleaving that yields the published views is the
     * one that happened. When none does, the registration first is what the published views are
     * compared with.
     */
    private List<ApplicationProvisioningView> expectedViews(String applicationId,
            List<ApplicationProvisioningView> actual) {
        ApplicationRegistered registration = registrations.get(applicationId);
        if (registration == null) {
            return List.of();
        }
        List<ProvisioningEvent> inputs = events.getOrDefault(applicationId, List.of());
        List<ApplicationProvisioningView> registrationFirst = foldedViews(registration, inputs, 0);
        if (isPublishedSoFar(registrationFirst, actual)) {
            return registrationFirst;
        }
        // Rare, and quadratic in the application's events: only when the registration-first order fails.
        List<List<ApplicationProvisioningView>> eventsFirst = new ArrayList<>();
        for (int early = 1; early <= inputs.size(); early++) {
            eventsFirst.add(foldedViews(registration, inputs, early));
        }
        return eventsFirst.stream().filter(actual::equals).findFirst()
                .or(() -> eventsFirst.stream().filter(views -> isPublishedSoFar(views, actual)).findFirst())
                .orElse(registrationFirst);
    }

    /** Whether {@code actual} is {@code views}, or the start of them while the rest is still to come. */
    private static boolean isPublishedSoFar(List<ApplicationProvisioningView> views,
            List<ApplicationProvisioningView> actual) {
        return views.size() >= actual.size() && views.subList(0, actual.size()).equals(actual);
    }

    /** The views of folding the first {@code early} events, then the registration, then the rest. */
    private static List<ApplicationProvisioningView> foldedViews(ApplicationRegistered registration,
            List<ProvisioningEvent> inputs, int early) {
        ProvisioningViewFolder folder = new ProvisioningViewFolder();
        List<ApplicationProvisioningView> views = new ArrayList<>();
        ApplicationFoldState state = null;
        for (ProvisioningEvent event : inputs.subList(0, early)) {
            state = collect(folder.apply(state, event), views);
        }
        state = collect(folder.register(state, registration), views);
        for (ProvisioningEvent event : inputs.subList(early, inputs.size())) {
            state = collect(folder.apply(state, event), views);
        }
        return views;
    }

    private static ApplicationFoldState collect(FoldResult result, List<ApplicationProvisioningView> views) {
        if (result.publication() == FoldResult.Publication.VIEW) {
            views.add(result.view());
        }
        return result.state();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
