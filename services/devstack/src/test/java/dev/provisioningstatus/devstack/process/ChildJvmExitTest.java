package dev.provisioningstatus.devstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child JVM that exits is reported with its name, exit status and log, never passed over. */
class ChildJvmExitTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path logs;

    @Test
    void aChildThatExitsDuringStartUpFailsTheWaitNamingItsStatusAndLog() throws Exception {
        try (ChildJvm child = ChildJvm.start(exitsAtOnce());
                ServerSocket neverReady = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI readiness = URI.create("http://127.0.0.1:" + neverReady.getLocalPort() + "/ready");

            assertThatThrownBy(() -> ChildJvm.awaitOk(readiness, PATIENCE, List.of(child)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exits-at-once exited with status " + ExitsAtOnce.STATUS)
                    .hasMessageContaining(child.log().toString());
        }
    }

    @Test
    void aChildThatExitsIsReportedWithItsStatusAndLog() throws Exception {
        try (ChildJvm child = ChildJvm.start(exitsAtOnce())) {
            String description = child.exited().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

            assertThat(description).isEqualTo("exits-at-once exited with status " + ExitsAtOnce.STATUS + "; see "
                    + child.log());
            assertThat(Files.readString(child.log())).contains("giving up at once");
        }
    }

    private ChildJvm.Launch exitsAtOnce() throws URISyntaxException {
        String testClasses = Path.of(ExitsAtOnce.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        return ChildJvm.Launch.of("exits-at-once", ExitsAtOnce.class.getName(), List.of(), List.of(),
                logs.resolve("exits-at-once.log")).withClasspathEntry(testClasses);
    }
}
