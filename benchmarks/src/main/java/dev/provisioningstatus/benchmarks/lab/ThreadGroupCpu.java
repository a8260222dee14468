package dev.provisioningstatus.benchmarks.lab;

import dev.provisioningstatus.devstack.process.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU seconds a process's threads have used, summed per group of alike names (numbers dropped: the
 * event loops, the JIT's compilers, the collector's workers), from {@code /proc/<pid>/task}. It says
 * which part of a service's CPU in a window is its work and which is the JVM's own (JIT, GC). A thread
 * that ended within the window is missing from it.
 */
public record ThreadGroupCpu(Map<String, Double> seconds) {

    public static ThreadGroupCpu of(long pid) {
        Map<String, Double> seconds = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    seconds.merge(group(name), ChildJvm.cpuSecondsOfStat(stat), Double::sum);
                } catch (IOException | RuntimeException ended) {
                    // The thread ended between listing and reading.
                }
            });
        } catch (IOException | RuntimeException gone) {
            return new ThreadGroupCpu(Map.of());
        }
        return new ThreadGroupCpu(seconds);
    }

    /** {@code C2 CompilerThread1} and {@code reactor-http-epoll-3} (cut to 15 characters by Linux) lose their numbers. */
    static String group(String threadName) {
        return threadName.replaceAll("[\\s#\\-_]*\\d+$", "").replaceAll("[\\s#\\-_]+$", "");
    }

    /** What the JIT's compiler threads ({@code C1 CompilerThread0}, {@code C2 CompilerThread0}, …) used. */
    public double compilerSeconds() {
        return seconds.entrySet().stream().filter(group -> group.getKey().contains("CompilerThre"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    public ThreadGroupCpu since(ThreadGroupCpu start) {
        Map<String, Double> used = new HashMap<>();
        seconds.forEach((group, total) -> used.put(group, total - start.seconds.getOrDefault(group, 0.0)));
        return new ThreadGroupCpu(used);
    }

    public double total() {
        return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The groups that used at least 2 % of the whole, largest first, as shares of it. */
    public String shares() {
        double whole = total();
        if (whole <= 0) {
            return "none measured";
        }
        return seconds.entrySet().stream()
                .filter(group -> group.getValue() / whole >= 0.02)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(group -> String.format(Locale.ROOT, "%s %.0f %%", group.getKey(), 100 * group.getValue() / whole))
                .collect(Collectors.joining(", "));
    }
}
