package dev.provisioningstatus.statusview.crash;

import static dev.provisioningstatus.statusview.ProvisioningFixtures.ALL_ENVIRONMENTS;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.AttemptRecord;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentCondition;
import dev.provisioningstatus.events.EnvironmentProvisioningResult;
import dev.provisioningstatus.events.FailureReason;
import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.ProvisioningStarted;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.statusview.ProvisioningFixtures;
import dev.provisioningstatus.statusview.view.ApplicationFoldState;
import dev.provisioningstatus.statusview.view.FoldResult;
import dev.provisioningstatus.statusview.view.ProvisioningViewFolder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Provisioning traffic of many applications, as the gateway and the worker publish it. Each application
 * is registered, then runs attempts until every enabled environment succeeded; a retry provisions only
 * the environments that have not succeeded; some results are delivered twice (an activity that ran
 * again). The applications' events are interleaved in rounds, the way concurrent workflows publish.
 *
 * <p>Besides the events, it says what the view must show, two ways: the views the pure fold publishes
 * for these events in this order ({@link #foldedViews}), and facts derived from the plan alone (how many
 * views, which statuses in which order, the final conditions), which do not trust the fold.
 */
final class ProvisioningTraffic {

    private static final List<FailureReason> REASONS = List.of(FailureReason.ConnectionTimeout,
            FailureReason.ConnectionRefused, FailureReason.AuthorizationFailed);

    /** One attempt: the environments it provisioned and their results, in publication order. */
    record Attempt(int number, Instant startedAt, List<Environment> provisioned,
            List<EnvironmentProvisioningResult> results, ProvisioningStatus outcome) {
    }

    /** One application's registration and events, in the order they are produced. */
    record Application(String applicationId, ApplicationRegistered registration, List<ProvisioningEvent> events,
            List<Attempt> attempts) {

        /** One view for the registration, one per start, one per (first) result; finishes and duplicates add none. */
        int expectedViewCount() {
            return 1 + attempts.stream().mapToInt(attempt -> 1 + attempt.provisioned().size()).sum();
        }

        /** pending, then per attempt in_progress followed by its outcome. */
        List<ProvisioningStatus> expectedStatusPath() {
            List<ProvisioningStatus> path = new ArrayList<>(List.of(ProvisioningStatus.PENDING));
            attempts.forEach(attempt -> {
                path.add(ProvisioningStatus.IN_PROGRESS);
                path.add(attempt.outcome());
            });
            return path;
        }

        /** Every enabled environment as its succeeding result left it, its failed attempts as history, newest first. */
        List<EnvironmentCondition> expectedFinalConditions() {
            return registration.environments().stream().sorted().map(environment -> {
                List<EnvironmentProvisioningResult> results = attempts.stream()
                        .flatMap(attempt -> attempt.results().stream())
                        .filter(result -> result.environment() == environment)
                        .toList();
                EnvironmentProvisioningResult last = results.get(results.size() - 1);
                List<AttemptRecord> history = reversed(results.subList(0, results.size() - 1)).stream()
                        .map(failed -> new AttemptRecord(failed.attempt(), failed.status(), failed.reason(),
                                failed.message(), failed.occurredAt()))
                        .toList();
                return new EnvironmentCondition(environment, last.status(), last.reason(), last.message(),
                        last.errorDetail(), last.retryable(), last.virtualClusterId(), last.attempt(),
                        last.occurredAt(), history);
            }).toList();
        }

        Attempt lastAttempt() {
            return attempts.get(attempts.size() - 1);
        }
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    private final List<Application> applications;

    private ProvisioningTraffic(List<Application> applications) {
        this.applications = applications;
    }

    /** {@code count} applications with ids {@code <prefix><n>}, each with 2 to 4 attempts. */
    static ProvisioningTraffic of(int count, String idPrefix) {
        return new ProvisioningTraffic(IntStream.range(0, count)
                .mapToObj(n -> plan(n, ProvisioningFixtures.of(idPrefix + n)))
                .toList());
    }

    List<Application> applications() {
        return applications;
    }

    List<ApplicationRegistered> registrations() {
        return applications.stream().map(Application::registration).toList();
    }

    /** Round {@code r} holds the {@code r}-th event of every application that has one. */
    List<List<ProvisioningEvent>> rounds() {
        int longest = applications.stream().mapToInt(application -> application.events().size()).max().orElse(0);
        return IntStream.range(0, longest)
                .mapToObj(round -> applications.stream()
                        .filter(application -> application.events().size() > round)
                        .map(application -> application.events().get(round))
                        .toList())
                .toList();
    }

    int eventCount() {
        return applications.stream().mapToInt(application -> application.events().size()).sum();
    }

    /** The views the pure fold publishes for {@code application}'s registration and events, in order. */
    static List<ApplicationProvisioningView> foldedViews(Application application) {
        return foldedViews(application, application.events().size());
    }

    /** How many views the registrations and the first {@code rounds} rounds of events publish. */
    int viewsPublishedBy(int rounds) {
        return applications.stream()
                .mapToInt(application -> foldedViews(application, Math.min(rounds, application.events().size())).size())
                .sum();
    }

    private static List<ApplicationProvisioningView> foldedViews(Application application, int events) {
        ProvisioningViewFolder folder = new ProvisioningViewFolder();
        List<ApplicationProvisioningView> views = new ArrayList<>();
        FoldResult result = folder.register(null, application.registration());
        ApplicationFoldState state = collect(result, views);
        for (ProvisioningEvent event : application.events().subList(0, events)) {
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

    /**
     * Application {@code n}: dev and stage every fourth, else all three; attempt {@code 2 + n % 3} at the
     * latest succeeds everywhere, earlier attempts fail some environments; results come in reverse order for
     * odd {@code n}; some results twice.
     */
    private static Application plan(int n, ProvisioningFixtures app) {
        List<Environment> enabled = n % 4 == 0 ? List.of(Environment.DEV, Environment.STAGE) : ALL_ENVIRONMENTS;
        int lastAttempt = 2 + n % 3;
        int clock = 0;
        ApplicationRegistered registration = app.registered("Application " + n, enabled, clock);
        Set<Environment> succeeded = EnumSet.noneOf(Environment.class);
        List<ProvisioningEvent> events = new ArrayList<>();
        List<Attempt> attempts = new ArrayList<>();
        for (int attempt = 1; !succeeded.containsAll(enabled); attempt++) {
            List<Environment> provisioned = enabled.stream().filter(environment -> !succeeded.contains(environment))
                    .toList();
            ProvisioningStarted started = app.started(attempt, provisioned, ++clock);
            events.add(started);
            List<EnvironmentProvisioningResult> results = new ArrayList<>();
            for (Environment environment : n % 2 == 0 ? provisioned : reversed(provisioned)) {
                int spread = n + attempt + environment.ordinal();
                EnvironmentProvisioningResult result = attempt == lastAttempt || spread % 4 == 0
                        ? app.succeeded(attempt, environment, ++clock)
                        : app.failed(attempt, environment, REASONS.get(spread % REASONS.size()), ++clock);
                results.add(result);
                events.add(result);
                if (spread % 5 == 0) {
                    events.add(result);
                }
                if (result.succeeded()) {
                    succeeded.add(environment);
                }
            }
            ProvisioningStatus outcome = succeeded.containsAll(enabled) ? ProvisioningStatus.COMPLETED
                    : succeeded.isEmpty() ? ProvisioningStatus.FAILED : ProvisioningStatus.PARTIAL;
            events.add(app.finished(attempt, outcome, ++clock));
            attempts.add(new Attempt(attempt, started.occurredAt(), provisioned, List.copyOf(results), outcome));
        }
        return new Application(app.applicationId(), registration, List.copyOf(events), List.copyOf(attempts));
    }
}
