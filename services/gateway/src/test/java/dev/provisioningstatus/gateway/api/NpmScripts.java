package dev.provisioningstatus.gateway.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the module's npm scripts ({@code package.json}; the build's {@code npm ci} installed
 * its tools) and tells what it printed, also kept in {@code target/npm/<script>.log} and
 * {@code <script>.err}.
 */
final class NpmScripts {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    /** {@code output} is what the script printed on standard output, {@code log} both outputs for a report. */
    record Run(int exitCode, String output, String log) {
    }

    private NpmScripts() {
    }

    static Run run(String script, Map<String, String> environment) {
        Path out = Path.of("target", "npm", script.replace(':', '-') + ".log");
        Path err = out.resolveSibling(script.replace(':', '-') + ".err");
        try {
            Files.createDirectories(out.getParent());
            ProcessBuilder builder = new ProcessBuilder("npm", "run", "--silent", script)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean finished = process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            String log = output + Files.readString(err, StandardCharsets.UTF_8)
                    + (finished ? "" : "\n(timed out after " + TIMEOUT + ")");
            return new Run(finished ? process.exitValue() : -1, output, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running npm " + script, e);
        }
    }
}
