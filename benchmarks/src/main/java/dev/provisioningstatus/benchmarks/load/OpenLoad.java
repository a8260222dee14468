package dev.provisioningstatus.benchmarks.load;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Open-model HTTP load: request {@code i} is due at {@code start + i / rate} whatever happened to
 * earlier ones, and its latency runs from that intended time to the end of its response, so a
 * stalled server shows up in the percentiles instead of slowing the load down (no coordinated
 * omission). Requests go out on non-blocking connections from a pool; a request waiting for a free
 * connection is still counted from its intended time.
 */
public final class OpenLoad implements AutoCloseable {

    /** What one run measured. */
    public record Outcome(Histogram latency, long sent, long succeeded, long failed, double achievedPerSecond) {
    }

    private final LoopResources loops = LoopResources.create("open-load", 2, true);
    private final ConnectionProvider pool = ConnectionProvider.builder("open-load")
            .maxConnections(512)
            .pendingAcquireMaxCount(-1)
            .pendingAcquireTimeout(Duration.ofSeconds(60))
            .build();
    private final HttpClient client;

    public OpenLoad(String baseUrl, String bearerToken) {
        this.client = HttpClient.create(pool).runOn(loops).baseUrl(baseUrl)
                .responseTimeout(Duration.ofSeconds(30))
                .headers(headers -> headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + bearerToken));
    }

    /**
     * Sends GET {@code path.apply(i)} at {@code ratePerSecond} for {@code warmup + duration};
     * records only requests due after the warm-up.
     */
    public Outcome run(LongFunction<String> path, int ratePerSecond, Duration warmup, Duration duration) {
        Recorder recorder = new Recorder(3_600_000_000_000L, 3);
        AtomicLong succeeded = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong inFlight = new AtomicLong();
        long period = 1_000_000_000L / ratePerSecond;
        long start = System.nanoTime() + 10_000_000L;
        long measuredFrom = start + warmup.toNanos();
        long end = measuredFrom + duration.toNanos();
        long sent = 0;
        long measuredSent = 0;
        for (long i = 0; ; i++) {
            long intended = start + i * period;
            if (intended >= end) {
                break;
            }
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean measured = intended >= measuredFrom;
            inFlight.incrementAndGet();
            sent++;
            if (measured) {
                measuredSent++;
            }
            client.get().uri(path.apply(i))
                    .responseSingle((response, body) -> body.asByteArray().defaultIfEmpty(new byte[0])
                            .map(bytes -> response.status().code()))
                    .onErrorResume(error -> Mono.just(-1))
                    .subscribe(code -> {
                        long latency = System.nanoTime() - intended;
                        if (measured) {
                            if (code == 200) {
                                recorder.recordValue(latency);
                                succeeded.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                            }
                        }
                        inFlight.decrementAndGet();
                    });
        }
        long sendingEnded = System.nanoTime();
        long drainDeadline = sendingEnded + Duration.ofSeconds(60).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < drainDeadline) {
            LockSupport.parkNanos(1_000_000);
        }
        double achieved = measuredSent / ((sendingEnded - measuredFrom) / 1e9);
        Histogram histogram = recorder.getIntervalHistogram();
        return new Outcome(histogram, measuredSent, succeeded.get(), failed.get() + inFlight.get(), achieved);
    }

    @Override
    public void close() {
        pool.disposeLater().block();
        loops.disposeLater().block();
    }
}
