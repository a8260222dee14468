package dev.provisioningstatus.benchmarks.fold;

import dev.provisioningstatus.benchmarks.lab.Lab;
import dev.provisioningstatus.benchmarks.lab.Pause;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;

/**
 * Throughput of a consumer group over one topic, read from outside: its committed offsets sampled
 * every 100 ms. The rate runs from the first commit at or past {@code warmUp} records to the commit of
 * the last record, so the start-up and JIT warm-up of whatever is measured are left out, and every
 * candidate is measured the same way.
 */
final class GroupProgress {

    record Throughput(long records, double seconds, double perSecond) {
    }

    private GroupProgress() {
    }

    static Throughput await(Lab lab, String groupId, String topic, long warmUp, long total, Duration timeout) {
        try (Admin admin = lab.admin()) {
            long deadline = System.nanoTime() + timeout.toNanos();
            long firstAt = 0;
            long firstCommitted = 0;
            while (System.nanoTime() < deadline) {
                long committed = Lab.committedOffsets(admin, groupId, topic);
                long now = System.nanoTime();
                if (firstAt == 0 && committed >= Math.max(1, warmUp)) {
                    firstAt = now;
                    firstCommitted = committed;
                }
                if (committed >= total) {
                    double seconds = (now - firstAt) / 1e9;
                    long records = committed - firstCommitted;
                    return new Throughput(records, seconds, seconds > 0 ? records / seconds : 0);
                }
                Pause.millis(100);
            }
            throw new IllegalStateException(groupId + " did not get through " + total + " records within " + timeout
                    + " (committed " + Lab.committedOffsets(admin, groupId, topic) + ")");
        }
    }
}
