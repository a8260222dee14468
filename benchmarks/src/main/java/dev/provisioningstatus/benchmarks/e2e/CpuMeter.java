package dev.provisioningstatus.benchmarks.e2e;

import dev.provisioningstatus.benchmarks.lab.ThreadGroupCpu;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * CPU seconds of several processes, sampled together, so a window's use can be put per event or per second;
 * and of some of them, per group of threads.
 */
final class CpuMeter {

    /** Each process's CPU seconds at one moment, or (from {@link #since}) used over a window. */
    record Sample(double[] cpuSeconds, List<ThreadGroupCpu> threads, long nanos) {

        Sample since(Sample start) {
            double[] used = new double[cpuSeconds.length];
            for (int i = 0; i < used.length; i++) {
                used[i] = cpuSeconds[i] - start.cpuSeconds[i];
            }
            List<ThreadGroupCpu> threadsUsed = new ArrayList<>();
            for (int i = 0; i < threads.size(); i++) {
                threadsUsed.add(threads.get(i).since(start.threads.get(i)));
            }
            return new Sample(used, threadsUsed, nanos - start.nanos);
        }

        double seconds() {
            return nanos / 1e9;
        }

        /** Cores the process kept busy on average over the window. */
        double cores(int process) {
            return cpuSeconds[process] / seconds();
        }

        double msPerEvent(int process, long events) {
            return events == 0 ? Double.NaN : 1e3 * cpuSeconds[process] / events;
        }
    }

    private final List<DoubleSupplier> processes;
    private final List<LongSupplier> threadsOf;

    /** {@code threadsOf}: the pids of the processes whose threads are sampled too. */
    CpuMeter(List<DoubleSupplier> processes, List<LongSupplier> threadsOf) {
        this.processes = List.copyOf(processes);
        this.threadsOf = List.copyOf(threadsOf);
    }

    Sample sample() {
        double[] seconds = new double[processes.size()];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = processes.get(i).getAsDouble();
        }
        List<ThreadGroupCpu> threads = threadsOf.stream().map(pid -> ThreadGroupCpu.of(pid.getAsLong())).toList();
        return new Sample(seconds, threads, System.nanoTime());
    }
}
