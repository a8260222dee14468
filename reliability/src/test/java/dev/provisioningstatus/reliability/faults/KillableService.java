package dev.provisioningstatus.reliability.faults;

import dev.provisioningstatus.devstack.process.ParentWatchingMain;
import dev.provisioningstatus.devstack.process.ServiceClasspath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One service in its own JVM, started exactly as the devstack starts it (same classpath, same
 * parent-watching entry point, Spring arguments only), but which can also be killed with SIGKILL:
 * no shutdown hook, no close, no commit, no abort. Started again with the same arguments (hence
 * the same state directory), as a restarted container would be.
 */
final class KillableService implements AutoCloseable {

    private final String name;
    private final String classpath;
    private final String mainClass;
    private final List<String> args;
    private final Path log;
    private Process process;
    private int starts;

    KillableService(String name, String mainClass, List<String> args, Path logDirectory) {
        this(name, ServiceClasspath.get(), mainClass, args, logDirectory);
    }

    /** A service whose main class is not on the devstack's classpath: {@code classpath} adds its location. */
    KillableService(String name, String classpath, String mainClass, List<String> args, Path logDirectory) {
        this.name = name;
        this.classpath = classpath;
        this.mainClass = mainClass;
        this.args = List.copyOf(args);
        this.log = logDirectory.resolve(name + ".log");
    }

    synchronized void start() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classpath,
                ParentWatchingMain.class.getName(), Long.toString(ProcessHandle.current().pid()), mainClass));
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "==== start " + (++starts) + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** {@code kill -9}: the JVM gets no chance to close anything. */
    synchronized void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the JVM to end by itself (a halt, a crash) and gives its exit status. */
    int awaitExit(Duration within) throws InterruptedException {
        Process running;
        synchronized (this) {
            running = process;
        }
        if (!running.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still runs after " + within);
        }
        return running.exitValue();
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGTERM so Spring, Kafka and Streams close cleanly; SIGKILL if that takes too long. */
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
