package dev.provisioningstatus.reliability.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

/**
 * The gateway JVM's live heap, read with the JDK's {@code jcmd}: a class histogram collects the
 * whole heap first, then counts in the same pause, so it counts what is reachable and nothing that
 * allocation between two commands could add.
 */
final class GatewayHeap {

    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");
    private static final int FULL_COMPACTION_EVERY = 4;

    private final long pid;

    private GatewayHeap(long pid) {
        this.pid = pid;
    }

    /**
     * The child JVM of this test run that serves {@code baseUrl}. Asked through jcmd: the operating
     * system cuts a command line with the services' long classpath short of their arguments.
     */
    static GatewayHeap serving(String baseUrl) {
        String port = "--server.port=" + URI.create(baseUrl).getPort();
        return ProcessHandle.current().descendants()
                .filter(process -> jcmd(process.pid(), "VM.command_line").contains(port))
                .findFirst()
                .map(process -> new GatewayHeap(process.pid()))
                .orElseThrow(() -> new IllegalStateException("no child JVM runs with " + port));
    }

    /**
     * The least of four readings: the serial collector the devstack gives its services leaves dead
     * objects, as filler, in up to 5% of the old generation in three full collections out of four
     * ({@code MarkSweepDeadRatio}, {@code MarkSweepAlwaysCompactCount}); one of four compacts fully.
     */
    long liveBytes() {
        return LongStream.range(0, FULL_COMPACTION_EVERY).map(reading -> histogramTotal()).min().orElseThrow();
    }

    private long histogramTotal() {
        String histogram = jcmd(pid, "GC.class_histogram");
        Matcher total = TOTAL.matcher(histogram);
        if (!total.find()) {
            throw new IllegalStateException("no total in the class histogram of " + pid + ": " + histogram);
        }
        return Long.parseLong(total.group(1));
    }

    /** What jcmd printed, its complaint included (a process that is no JVM, one that is gone). */
    private static String jcmd(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
