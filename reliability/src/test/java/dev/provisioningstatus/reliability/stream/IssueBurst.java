package dev.provisioningstatus.reliability.stream;

import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.reliability.system.SeededApplications;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/** Changes keep coming: new attempts that start, fail or partly fail, or complete (leaving the scope). */
final class IssueBurst {
    private final SeededApplications seeded;
    private final Duration pause;
    private final List<String> applications;
    private final Random random = new Random(11);
    private final AtomicInteger events = new AtomicInteger();
    private volatile boolean running = true;
    private final Thread thread;
    private int attempt = SeededApplications.SEEDED_ATTEMPT;

    IssueBurst(SeededApplications seeded, List<String> applications, Duration pause) {
        this.pause = pause;
        this.seeded = seeded;
        this.applications = applications;
        this.thread = new Thread(this::run, "burst");
    }

    void start() {
        thread.start();
    }

    int events() {
        return events.get();
    }

    private void run() {
        while (running) {
            attempt++;
            for (String applicationId : applications) {
                if (!running) {
                    return;
                }
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
                pause();
            }
        }
    }

    /** Between two applications' attempts (five events). */
    private void pause() {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join();
    }
}
