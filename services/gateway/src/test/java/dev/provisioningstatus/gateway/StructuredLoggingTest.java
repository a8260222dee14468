package dev.provisioningstatus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.EventJson;
import dev.provisioningstatus.testsupport.KafkaBrokers;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Structured logs are one setting away: the gateway run as its own JVM, as in production, with
 * {@code logging.structured.format.console=ecs} writes every line of its console log as an ECS
 * JSON document. Its own JVM, because the tests' logback-test.xml would otherwise take over.
 */
class StructuredLoggingTest {

    private static final long STARTUP_SECONDS = 120;

    @Test
    void withTheEcsFormatEveryConsoleLineIsAJsonLogEvent() throws Exception {
        Process gateway = new ProcessBuilder(gatewayCommand("--logging.structured.format.console=ecs"))
                .redirectErrorStream(true)
                .start();
        List<String> lines = new ArrayList<>();
        try {
            CompletableFuture<Boolean> started = CompletableFuture.supplyAsync(() -> readUntilStarted(gateway, lines));
            assertThat(started.get(STARTUP_SECONDS, TimeUnit.SECONDS)).as("gateway output %s", lines).isTrue();
        } finally {
            gateway.destroy();
            if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }

        List<String> logLines = lines.stream().filter(line -> !line.isBlank()).toList();
        assertThat(logLines).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        JsonNode started = EventJson.MAPPER.readTree(logLines.get(logLines.size() - 1));
        assertThat(started.path("message").asString()).startsWith("Started GatewayApplication");
        assertThat(started.has("@timestamp")).isTrue();
        assertThat(started.path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(started.path("service").path("name").asString()).isEqualTo("gateway");
    }

    private static boolean readUntilStarted(Process gateway, List<String> lines) {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                }
                if (line.contains("Started GatewayApplication")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code java … GatewayApplication} on the test class path without the test classes (and their logback-test.xml). */
    private static List<String> gatewayCommand(String... extraArguments) {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Quick to start, light on a shared machine: this JVM only has to boot and log.
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classPath, GatewayApplication.class.getName(),
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + KafkaBrokers.shared().bootstrapServers(),
                "--provisioning.gateway.security.hmac-secret=" + TestTokens.SECRET,
                "--provisioning.webhooks.secret-key=" + TestWebhooks.SECRET_KEY));
        command.addAll(List.of(extraArguments));
        return command;
    }
}
