package dev.provisioningstatus.reliability.stream;

import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.reliability.system.SeededApplications;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Changes keep coming: new attempts that start, fail or partly fail, or complete (leaving the scope),
 * one application's attempt (five events) at a time. A stopped burst can be started again, at
 * another pace: attempts go on from where they stopped, since the status view ignores an attempt
 * older than the one it holds.
 */
final class IssueBurst {
    private final SeededApplications seeded;
    private final List<String> applications;
    private final Random random = new Random(11);
    private final AtomicInteger events = new AtomicInteger();
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> attempts;
    private int attempt = SeededApplications.SEEDED_ATTEMPT;
    private int nextApplication;

    IssueBurst(SeededApplications seeded, List<String> applications) {
        this.seeded = seeded;
        this.applications = applications;
    }

    /** One application's attempt every {@code gap}, or back to back while publishing takes longer. */
    void start(Duration gap) {
        scheduler = Executors.newSingleThreadScheduledExecutor(run -> new Thread(run, "burst"));
        attempts = scheduler.scheduleAtFixedRate(this::nextAttempt, 0, gap.toMillis(), TimeUnit.MILLISECONDS);
    }

    int events() {
        return events.get();
    }

    /** The next application's attempt; a round over all applications shares one attempt number. */
    private void nextAttempt() {
        if (nextApplication == 0) {
            attempt++;
        }
        String applicationId = applications.get(nextApplication);
        nextApplication = (nextApplication + 1) % applications.size();
        seeded.started(applicationId, attempt);
        int failed = 0;
        for (Environment environment : SeededApplications.ALL) {
            if (random.nextInt(3) == 0) {
                seeded.succeeded(applicationId, attempt, environment);
            } else {
                failed++;
                seeded.failedWithInternals(applicationId, attempt, environment);
            }
        }
        seeded.finished(applicationId, attempt, failed == 0 ? ProvisioningStatus.COMPLETED
                : failed == 3 ? ProvisioningStatus.FAILED : ProvisioningStatus.PARTIAL);
        events.addAndGet(5);
    }

    /** Lets the attempt under way finish; a failed publish, which ended the burst early, fails here. */
    void stop() throws InterruptedException {
        scheduler.shutdown();
        if (!scheduler.awaitTermination(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the burst's last attempt is still publishing after a minute");
        }
        try {
            attempts.get();
        } catch (CancellationException stopped) {
            // what shutdown does to a periodic task that was still running fine
        } catch (ExecutionException e) {
            throw new IllegalStateException("the burst failed to publish", e.getCause());
        }
    }
}
