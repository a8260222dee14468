package dev.provisioningstatus.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The machine the figures come from, and its load while they were measured. */
public final class Machine implements AutoCloseable {

    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "load-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private double loadSum;
    private double loadMax;
    private int samples;
    private final String loadAtStart = loadAverage();

    public Machine() {
        sampler.scheduleAtFixedRate(this::sample, 0, 5, TimeUnit.SECONDS);
    }

    private synchronized void sample() {
        String[] parts = loadAverage().split(" ");
        double oneMinute = Double.parseDouble(parts[0]);
        loadSum += oneMinute;
        loadMax = Math.max(loadMax, oneMinute);
        samples++;
    }

    public Map<String, Object> describe() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu", cpuModel());
        machine.put("nproc", Runtime.getRuntime().availableProcessors());
        machine.put("memory", memTotal());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("open_files_limit", openFilesLimit());
        return machine;
    }

    /** 1-minute load average at start, mean and max of samples taken every 5 s during the run. */
    public synchronized Map<String, Object> load() {
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("loadavg_at_start", loadAtStart);
        load.put("one_minute_mean", samples == 0 ? 0 : Math.round(loadSum / samples * 100) / 100.0);
        load.put("one_minute_max", loadMax);
        load.put("loadavg_at_end", loadAverage());
        return load;
    }

    public static String loadAverage() {
        String text = read("/proc/loadavg");
        String[] parts = text.trim().split("\\s+");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : text.trim();
    }

    private static String cpuModel() {
        return read("/proc/cpuinfo").lines().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
    }

    private static String memTotal() {
        return read("/proc/meminfo").lines().filter(line -> line.startsWith("MemTotal"))
                .map(line -> Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0 * 10) / 10.0 + " GiB")
                .findFirst().orElse("unknown");
    }

    private static String openFilesLimit() {
        return read("/proc/self/limits").lines().filter(line -> line.startsWith("Max open files"))
                .map(line -> line.replaceAll("\\s+", " ").replace("Max open files ", "")).findFirst().orElse("unknown");
    }

    static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
