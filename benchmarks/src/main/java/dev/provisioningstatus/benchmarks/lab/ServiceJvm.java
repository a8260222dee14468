package dev.provisioningstatus.benchmarks.lab;

import dev.provisioningstatus.devstack.process.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A service the lab started (a {@link ChildJvm}) and the HTTP port of its actuator: readiness, the
 * gateway's index figures, and the process readings the benchmarks report.
 */
public final class ServiceJvm implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ChildJvm process;
    private final int httpPort;

    /** {@code httpPort} is the {@code --server.port} in {@code launch}'s arguments. */
    public ServiceJvm(ChildJvm.Launch launch, int httpPort) {
        this.process = ChildJvm.start(launch);
        this.httpPort = httpPort;
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return process.name();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Waits until {@code /actuator/health/readiness} answers 200. */
    public ServiceJvm awaitReady(Duration timeout) {
        ChildJvm.awaitOk(URI.create(baseUrl() + "/actuator/health/readiness"), timeout, List.of(process));
        return this;
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

    /** A number from the gateway's readiness details of its view index ({@code applications}); -1 when not there. */
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

    /**
     * The gateway index's position from its readiness details (the view topic's id and the offset read
     * on each partition), or {@code null} when not there: it stops changing once the index is settled.
     */
    public String indexPosition() {
        String body = readiness();
        String key = "\"position\":\"";
        int start = body.indexOf(key);
        if (start < 0) {
            return null;
        }
        int end = body.indexOf('"', start + key.length());
        return end < 0 ? null : body.substring(start + key.length(), end);
    }

    public long residentBytes() {
        return process.residentBytes();
    }

    public double cpuSeconds() {
        return process.cpuSeconds();
    }

    public long openFiles() {
        return process.openFiles();
    }

    /**
     * How long the JVM's JIT compilers have worked so far ({@code java.ci.totalTime} of its performance
     * counters). While it still grows by much, the compiler threads take CPU from everything else on the machine.
     */
    public Duration compilationTime() {
        String counters = jcmd("PerfCounter.print");
        double ticks = counter(counters, "java.ci.totalTime");
        double ticksPerSecond = counter(counters, "sun.os.hrt.frequency");
        return Duration.ofNanos(Math.round(ticks / ticksPerSecond * 1e9));
    }

    private static double counter(String counters, String name) {
        for (String line : counters.split("\n")) {
            if (line.startsWith(name + "=")) {
                return Double.parseDouble(line.substring(name.length() + 1).strip());
            }
        }
        throw new IllegalStateException("no performance counter " + name + " in: " + counters);
    }

    public String jcmd(String... command) {
        return process.jcmd(command);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
    }
}
