package dev.provisioningstatus.benchmarks.lab;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Watches the JIT compilers of the processes under test, so that the measured time starts once they have
 * settled: a service a minute old still compiles (a sixth of the gateway's CPU after a 60 s warm-up at 1,000
 * events/s), which a service that has run for hours does not.
 */
public final class JitSettling {

    /** What the compilers may use while settled, 1 % of one core, and the window e2e judges that over. */
    public static final double SETTLED_CORES = 0.01;
    public static final Duration WINDOW = Duration.ofSeconds(15);
    /** How much longer than the minimum warm-up the measured time waits for them, at most. */
    public static final Duration MAX_EXTRA = Duration.ofMinutes(5);

    private final List<LongSupplier> pids;
    private double[] lastSeconds;
    private long lastNanos;

    public JitSettling(List<LongSupplier> pids) {
        this.pids = List.copyOf(pids);
        mark();
    }

    /** Whether each process's compilers used under {@link #SETTLED_CORES} since the last look; starts a new window. */
    public boolean settledSinceLastLook() {
        double[] before = lastSeconds;
        long from = lastNanos;
        mark();
        double seconds = (lastNanos - from) / 1e9;
        for (int i = 0; i < before.length; i++) {
            if ((lastSeconds[i] - before[i]) / seconds >= SETTLED_CORES) {
                return false;
            }
        }
        return true;
    }

    private void mark() {
        lastNanos = System.nanoTime();
        lastSeconds = pids.stream().mapToDouble(pid -> ThreadGroupCpu.of(pid.getAsLong()).compilerSeconds()).toArray();
    }
}
