package dev.provisioningstatus.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.provisioningstatus.devstack.process.Ports;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The widget in Debian's Chromium against the real devstack, nothing stubbed: this test starts the
 * devstack in-process (real KRaft brokers, the Temporal test service, the three services as child JVMs,
 * the demo page, no demo data) and runs the frontend-widget's playwright-core suite
 * ({@code npm run test:e2e}) against it. The story the suite tells: an application whose stage cluster is
 * down → the banner appears live → the modal → a retry that fails again → stage brought up → a retry that
 * succeeds → the admin tab's filter and detail view. Screenshots land in {@code target/e2e-screenshots}.
 *
 * <p>Without Chromium the test is skipped on a developer machine and fails on CI ({@code CI=true}), which
 * installs Chromium.
 */
class WidgetInChromiumEndToEndTest {

    private static final Duration SUITE_TIMEOUT = Duration.ofMinutes(10);
    private static final int OUTPUT_LINES_IN_FAILURE = 120;

    // Surefire runs each module's tests in the module's directory.
    private static final Path MODULE = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    private static final Path WIDGET = MODULE.resolve("../../frontend-widget").normalize();
    private static final Path SCREENSHOTS = MODULE.resolve("target/e2e-screenshots");
    // In target rather than a temporary directory, so the services' logs are still there when the suite fails.
    private static final Path WORK = MODULE.resolve("target/widget-e2e-devstack");

    @Test
    void aMemberSeesAFailedStageLiveRetriesItToSuccessAndAnAdminInspectsTheFailures() throws Exception {
        Path chromium = requireChromium();
        requireWidgetModule();
        clearScreenshots();
        int gatewayPort = Ports.free();
        int demoPort = Ports.free();
        DevStack stack = new DevStack();
        try {
            stack.start(new DevStack.Options(gatewayPort, demoPort, WORK, false));
            SuiteRun run = runEndToEndSuite(Map.of(
                    "E2E_DEMO_URL", "http://127.0.0.1:" + demoPort + "/",
                    "E2E_GATEWAY_URL", "http://127.0.0.1:" + gatewayPort,
                    "E2E_SCREENSHOTS_DIR", SCREENSHOTS.toString(),
                    "CHROMIUM_PATH", chromium.toString()));
            assertThat(run.exitCode())
                    .as("npm run test:e2e exit code; services' logs in %s; last output:%n%s", WORK.resolve("logs"),
                            run.outputTail())
                    .isZero();
        } finally {
            stack.close();
        }
        assertThat(SCREENSHOTS.resolve("banner.png")).exists();
        assertThat(SCREENSHOTS.resolve("modal.png")).exists();
        assertThat(SCREENSHOTS.resolve("admin-tab.png")).exists();
        assertThat(SCREENSHOTS.resolve("admin-detail.png")).exists();
    }

    private static Path requireChromium() {
        String configured = System.getenv("CHROMIUM_PATH");
        Path chromium = Path.of(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
        if (!Files.isExecutable(chromium)) {
            String message = "no Chromium at " + chromium + " (apt-get install -y chromium, or set CHROMIUM_PATH)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + "; CI must install it");
            }
            String skipped = "SKIPPED the widget's browser end-to-end test: " + message;
            System.out.println(skipped);
            Assumptions.abort(skipped);
        }
        return chromium;
    }

    private static void requireWidgetModule() {
        assertThat(WIDGET.resolve("package.json")).as("the frontend-widget module next to services/").exists();
        assertThat(WIDGET.resolve("node_modules/playwright-core"))
                .as("the widget's npm dependencies: run `npm ci` in %s (its Maven build does)", WIDGET)
                .exists();
    }

    private static void clearScreenshots() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        try (var files = Files.list(SCREENSHOTS)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().endsWith(".png")) {
                    Files.delete(file);
                }
            }
        }
    }

    private record SuiteRun(int exitCode, String outputTail) {
    }

    /**
     * Runs the suite with node. Its output is read here and printed through System.out: a child writing
     * straight to the forked JVM's stdout would corrupt Surefire's channel.
     */
    private static SuiteRun runEndToEndSuite(Map<String, String> environment) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of("npm", "run", "test:e2e"))
                .directory(WIDGET.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run npm (node 20+ and npm must be on the PATH)", e);
        }
        Deque<String> tail = new ArrayDeque<>();
        Thread pump = new Thread(() -> pump(process, tail), "e2e-suite-output");
        pump.start();
        if (!process.waitFor(SUITE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            pump.join(TimeUnit.SECONDS.toMillis(10));
            synchronized (tail) {
                fail("npm run test:e2e did not finish within " + SUITE_TIMEOUT + "; last output:\n"
                        + String.join("\n", tail));
            }
        }
        pump.join(TimeUnit.SECONDS.toMillis(10));
        synchronized (tail) {
            return new SuiteRun(process.exitValue(), String.join("\n", tail));
        }
    }

    private static void pump(Process process, Deque<String> tail) {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                System.out.println("[e2e] " + line);
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > OUTPUT_LINES_IN_FAILURE) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException streamClosed) {
            // the process was killed after the timeout; what was read is in the tail already
        }
    }
}
