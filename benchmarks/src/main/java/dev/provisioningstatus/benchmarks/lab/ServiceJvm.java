package dev.provisioningstatus.benchmarks.lab;

import dev.provisioningstatus.devstack.process.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A service in its own JVM (the devstack's {@link ChildJvm}), with its pid for memory readings. */
public final class ServiceJvm implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ChildJvm process;
    private final long pid;
    private final int httpPort;

    private ServiceJvm(ChildJvm process, long pid, int httpPort) {
        this.process = process;
        this.pid = pid;
        this.httpPort = httpPort;
    }

    /**
     * Starts {@code mainClass}; {@code httpPort} is the port given in {@code args} for its health
     * endpoint, polled by {@link #awaitReady(Duration)}.
     */
    public static ServiceJvm start(String name, String mainClass, List<String> jvmOptions, List<String> args,
            int httpPort, Path logFile) {
        ChildJvm process = ChildJvm.start(name, mainClass, jvmOptions, args, logFile);
        long pid = ProcessHandle.current().children()
                .filter(child -> commandLine(child.pid()).contains(mainClass))
                .filter(child -> commandLine(child.pid()).stream().anyMatch(arg -> arg.equals("--server.port=" + httpPort)))
                .mapToLong(ProcessHandle::pid).max()
                .orElseThrow(() -> new IllegalStateException("cannot find the process of " + name));
        return new ServiceJvm(process, pid, httpPort);
    }

    /** {@code /proc/<pid>/cmdline}: {@link ProcessHandle.Info} cuts long command lines (the classpath is long). */
    private static List<String> commandLine(long pid) {
        try {
            return List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\u0000"));
        } catch (IOException e) {
            return List.of();
        }
    }

    public long pid() {
        return pid;
    }

    public String name() {
        return process.name();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Waits until {@code /actuator/health/readiness} answers 200. */
    public ServiceJvm awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name() + " exited; see " + process.log());
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Pause.millis(250);
        }
        throw new IllegalStateException(name() + " not ready within " + timeout + "; see " + process.log());
    }

    /** The body of {@code /actuator/health/readiness}, whatever its status. */
    public String readiness() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A number from the gateway's readiness details of its view index ({@code applications},
     * {@code sequence}); -1 when not there.
     */
    public long indexFigure(String member) {
        String body = readiness();
        String key = "\"" + member + "\":";
        int start = body.indexOf(key);
        if (start < 0) {
            return -1;
        }
        int end = start + key.length();
        while (end < body.length() && Character.isDigit(body.charAt(end))) {
            end++;
        }
        return Long.parseLong(body.substring(start + key.length(), end));
    }

    /** Resident set size in bytes, from {@code /proc/<pid>/status} (VmRSS). */
    public long residentBytes() {
        return statusField("VmRSS:").orElse(0L) * 1024;
    }

    /** The child process whose command line names {@code mainClass} (e.g. the broker's {@code kafka.Kafka}); 0 if none. */
    public static long childRunning(String mainClass) {
        return ProcessHandle.current().children().filter(child -> commandLine(child.pid()).contains(mainClass))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(0);
    }

    /** CPU time (user + system) the process has used so far, in seconds. */
    public double cpuSeconds() {
        return cpuSeconds(pid);
    }

    /** From {@code /proc/<pid>/stat}: utime and stime, in clock ticks of 1/100 s. */
    public static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    public long openFiles() {
        try (var files = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return files.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private Optional<Long> statusField(String field) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith(field))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Runs {@code jcmd <pid> <command…>}, e.g. {@code GC.run}; returns its output. */
    public String jcmd(String... command) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                .toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        try {
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor();
            return output;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
    }
}
