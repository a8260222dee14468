package dev.provisioningstatus.reliability.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Scratch directories of one run: logs, state, broker data; removed when the run is over. */
public final class WorkDirectory {

    private WorkDirectory() {
    }

    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the services' logs to {@code target/service-logs/<name>} (Surefire runs in the module directory). */
    public static void keepLogs(Path logs, String name) {
        Path kept = Path.of("target", "service-logs", name);
        try (Stream<Path> files = Files.exists(logs) ? Files.list(logs) : Stream.empty()) {
            Files.createDirectories(kept);
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, kept.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.err.println("could not keep the logs of " + logs + ": " + e);
        }
    }

    /** Best effort: a file still held by a process that is going away is left for the OS. */
    public static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + directory + ": " + e);
        }
    }
}
