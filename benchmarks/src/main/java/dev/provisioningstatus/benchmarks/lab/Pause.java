package dev.provisioningstatus.benchmarks.lab;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Sleeping and waiting, with interrupts turned into unchecked exceptions. */
public final class Pause {

    private Pause() {
    }

    public static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code condition} every 100 ms; fails with {@code what} after {@code timeout}. */
    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        until(condition, timeout, () -> what);
    }

    /** As {@link #until(BooleanSupplier, Duration, String)}, describing the wait only when it failed. */
    public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what.get());
            }
            millis(100);
        }
    }
}
