package dev.provisioningstatus.benchmarks.e2e;

import java.util.List;
import java.util.function.DoubleSupplier;

/** CPU seconds of several processes, sampled together, so a window's use can be put per event or per second. */
final class CpuMeter {

    /** Each process's CPU seconds at one moment, or (from {@link #since}) used over a window. */
    record Sample(double[] cpuSeconds, long nanos) {

        Sample since(Sample start) {
            double[] used = new double[cpuSeconds.length];
            for (int i = 0; i < used.length; i++) {
                used[i] = cpuSeconds[i] - start.cpuSeconds[i];
            }
            return new Sample(used, nanos - start.nanos);
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

    CpuMeter(DoubleSupplier... processes) {
        this.processes = List.of(processes);
    }

    Sample sample() {
        double[] seconds = new double[processes.size()];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = processes.get(i).getAsDouble();
        }
        return new Sample(seconds, System.nanoTime());
    }
}
