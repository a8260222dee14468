package dev.provisioningstatus.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM, the one way the devstack, the benchmarks and the reliability suites start a service or
 * a broker: the services' classpath, the parent-watching entry point (a child never outlives its
 * parent), its output in a log file. It can be stopped gracefully, killed with SIGKILL, and started
 * again with the same launch (same arguments, hence the same state directory), as a restarted
 * container would be; each start is marked in the log.
 */
public final class ChildJvm implements AutoCloseable {

    /** The JVM options the services run with locally: small heaps and quick start-up for a laptop. */
    public static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    /**
     * What to run. {@code environment} is added to this process's environment: the place for secrets,
     * which on a command line any local user could read in the process list, while a process's
     * environment is readable only by its owner.
     */
    public record Launch(String name, String classpath, String mainClass, List<String> jvmOptions,
            List<String> args, Map<String, String> environment, Path log) {

        public Launch {
            jvmOptions = List.copyOf(jvmOptions);
            args = List.copyOf(args);
            environment = Map.copyOf(environment);
        }

        /** {@code mainClass} on the services' classpath, with no extra environment. */
        public static Launch of(String name, String mainClass, List<String> jvmOptions, List<String> args, Path log) {
            return new Launch(name, ServiceClasspath.get(), mainClass, jvmOptions, args, Map.of(), log);
        }

        public Launch withEnvironment(Map<String, String> added) {
            return new Launch(name, classpath, mainClass, jvmOptions, args, added, log);
        }

        /** A main class that is not on the services' classpath: {@code extra} adds its location. */
        public Launch withClasspathEntry(String extra) {
            return new Launch(name, classpath + java.io.File.pathSeparator + extra, mainClass, jvmOptions, args,
                    environment, log);
        }
    }

    private final Launch launch;
    private Process process;
    private int starts;

    private ChildJvm(Launch launch) {
        this.launch = launch;
    }

    /** Starts {@code launch} now; its log starts afresh. */
    public static ChildJvm start(Launch launch) {
        ChildJvm child = new ChildJvm(launch);
        child.start();
        return child;
    }

    public static ChildJvm start(String name, String mainClass, List<String> jvmOptions, List<String> args,
            Path logFile) {
        return start(Launch.of(name, mainClass, jvmOptions, args, logFile));
    }

    /** A child that {@link #start()} starts later, and again after it was stopped or killed. */
    public static ChildJvm prepare(Launch launch) {
        return new ChildJvm(launch);
    }

    /** Starts the JVM; the first start writes a fresh log, a restart appends to it. */
    public synchronized ChildJvm start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launch.jvmOptions());
        command.add("-cp");
        command.add(launch.classpath());
        command.add(ParentWatchingMain.class.getName());
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add(launch.mainClass());
        command.addAll(launch.args());
        try {
            Files.createDirectories(launch.log().getParent());
            starts++;
            Files.writeString(launch.log(), "==== start " + starts + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    starts == 1 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.log().toFile()));
            builder.environment().putAll(launch.environment());
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + launch.name(), e);
        }
    }

    public String name() {
        return launch.name();
    }

    public Path log() {
        return launch.log();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The JVM's process id: {@code java} is started directly, so it is the service itself. */
    public synchronized long pid() {
        return process.pid();
    }

    public boolean logContains(String text) {
        try {
            return Files.exists(log()) && Files.readString(log()).contains(text);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** {@code kill -9}: the JVM gets no chance to close anything (no shutdown hook, no commit, no abort). */
    public synchronized void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the JVM to end by itself (a halt, a crash) and gives its exit status. */
    public int awaitExit(Duration within) throws InterruptedException {
        Process running;
        synchronized (this) {
            running = process;
        }
        if (!running.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name() + " still runs after " + within);
        }
        return running.exitValue();
    }

    /**
     * Completes, with {@link #exitDescription(Process)}, when the JVM running now ends; a later restart
     * is not followed.
     */
    public synchronized CompletableFuture<String> exited() {
        return process.onExit().thenApply(this::exitDescription);
    }

    /** Its name, exit status and log: what someone needs to find out why it ended. */
    private String exitDescription(Process ended) {
        return name() + " exited with status " + ended.exitValue() + "; see " + log();
    }

    /**
     * Waits until {@code url} answers 200 (a readiness endpoint), as long as every one of {@code children}
     * lives: one that exits fails the wait at once, naming its exit status and log.
     */
    public static void awaitOk(URI url, Duration timeout, List<ChildJvm> children) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            children.stream().filter(child -> !child.isAlive()).findFirst().ifPresent(child -> {
                throw new IllegalStateException("during start-up, " + child.exitDescription(child.process));
            });
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // still starting: try again below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Ports.sleep(250);
        }
        throw new IllegalStateException(url + " not ready within " + timeout + "; see "
                + children.stream().map(ChildJvm::log).toList());
    }

    /** Resident set size in bytes, from {@code /proc/<pid>/status} (VmRSS); 0 when unknown. */
    public long residentBytes() {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                    .findFirst().orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    /** CPU time (user + system) the JVM has used so far, in seconds. */
    public double cpuSeconds() {
        return cpuSeconds(pid());
    }

    /** From {@code /proc/<pid>/stat}; 0 when unknown. */
    public static double cpuSeconds(long pid) {
        try {
            return cpuSecondsOfStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The utime and stime of a process's or thread's {@code stat} line (a {@code /proc/<pid>/stat} or
     * {@code /proc/<pid>/task/<tid>/stat}), in clock ticks of 1/100 s.
     */
    public static double cpuSecondsOfStat(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /** File descriptors the JVM holds open; -1 when unknown. */
    public long openFiles() {
        try (var files = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            return files.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Runs {@code jcmd <pid> <command…>}, e.g. {@code GC.run}; returns what it printed. */
    public String jcmd(String... command) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                .toString(), Long.toString(pid())));
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

    /** The command line of a process, from {@code /proc} (which, unlike {@link ProcessHandle.Info}, is never cut). */
    public static Optional<List<String>> commandLine(long pid) {
        try {
            return Optional.of(List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"))
                    .split("\u0000")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** SIGTERM first so Spring, Kafka and Streams close cleanly; SIGKILL if that takes too long. */
    @Override
    public synchronized void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
