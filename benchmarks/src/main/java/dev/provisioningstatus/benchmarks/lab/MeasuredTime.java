package dev.provisioningstatus.benchmarks.lab;

import java.time.Duration;

/**
 * When a fixed-rate load measures: after at least the warm-up, at the first look (one every
 * {@link JitSettling#WINDOW}) that finds the JIT compilers settled, or {@link JitSettling#MAX_EXTRA} later at
 * the latest. The measured time starts a second after that look, so the look's own {@code /proc} reads never
 * delay a measured send, and lasts the given duration.
 */
public final class MeasuredTime {

    private static final long AFTER_LOOK = 1_000_000_000L;

    private final long start;
    private final long duration;
    private final JitSettling jit;
    private final long lastLook;
    private long nextLook;
    private long from = Long.MAX_VALUE;
    private boolean jitSettled;

    /** {@code start}: the load's first send ({@link System#nanoTime()}). */
    public MeasuredTime(long start, Duration warmup, Duration duration, JitSettling jit) {
        this.start = start;
        this.duration = duration.toNanos();
        this.jit = jit;
        this.nextLook = start + warmup.toNanos();
        this.lastLook = nextLook + JitSettling.MAX_EXTRA.toNanos();
    }

    /** Called before each send, with its due time: looks at the compilers when a look is due. */
    public void passing(long due) {
        if (from != Long.MAX_VALUE || due < nextLook) {
            return;
        }
        jitSettled = jit.settledSinceLastLook();
        if (jitSettled || due >= lastLook) {
            from = due + AFTER_LOOK;
        }
        nextLook = due + JitSettling.WINDOW.toNanos();
    }

    /** The measured time's start; {@link Long#MAX_VALUE} while still warming up. */
    public long from() {
        return from;
    }

    /** When the load ends; {@link Long#MAX_VALUE} while still warming up. */
    public long end() {
        return from == Long.MAX_VALUE ? Long.MAX_VALUE : from + duration;
    }

    public boolean jitSettled() {
        return jitSettled;
    }

    /** How long the load ran before the measured time. */
    public Duration warmedUp() {
        return Duration.ofNanos(from - start);
    }

    /**
     * The report's words for the warm-up, e.g. "measured after 75 s of warm-up, until the JIT compilers
     * {@code whose} used under …".
     */
    public String describe(String whose) {
        return "measured after " + warmedUp().toSeconds() + " s of warm-up, " + (jitSettled
                ? "until the JIT compilers " + whose + " used under " + Math.round(100 * JitSettling.SETTLED_CORES)
                        + " % of a core for " + JitSettling.WINDOW.toSeconds() + " s"
                : "when the JIT compilers " + whose + " had still not settled");
    }
}
