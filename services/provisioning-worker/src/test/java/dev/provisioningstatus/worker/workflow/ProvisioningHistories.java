package dev.provisioningstatus.worker.workflow;

import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Workflow histories recorded from real runs and checked in under {@code src/test/resources/histories}.
 * Replaying them with the current workflow code proves the code still makes the same decisions for
 * runs that were in flight when it was deployed.
 */
enum ProvisioningHistories {

    /** Attempt 1 of dev + stage: dev succeeds, stage is refused three times (activity retries), partial. */
    PARTIAL_FIRST_ATTEMPT("partial-first-attempt.json"),
    /** Attempt 2 of the same application: only stage is provisioned, dev is carried over, completed. */
    RETRY_OF_THE_FAILED_ENVIRONMENT("retry-of-the-failed-environment.json");

    /** Where the recorder writes, relative to the module directory (Surefire's working directory). */
    static final Path SOURCE_DIRECTORY = Path.of("src", "test", "resources", "histories");

    private final String fileName;

    ProvisioningHistories(String fileName) {
        this.fileName = fileName;
    }

    WorkflowExecutionHistory read() {
        try (var in = ProvisioningHistories.class.getResourceAsStream("/histories/" + fileName)) {
            if (in == null) {
                throw new IllegalStateException("no recorded history " + fileName + "; record it with "
                        + ProvisioningHistoryRecorder.class.getSimpleName());
            }
            return WorkflowExecutionHistory.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(WorkflowExecutionHistory history) throws IOException {
        Files.createDirectories(SOURCE_DIRECTORY);
        Files.writeString(SOURCE_DIRECTORY.resolve(fileName), history.toJson(true) + "\n", StandardCharsets.UTF_8);
    }
}
