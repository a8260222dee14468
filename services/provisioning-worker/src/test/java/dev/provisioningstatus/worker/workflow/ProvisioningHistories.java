package dev.provisioningstatus.worker.workflow;

import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Workflow histories recorded from real runs and checked in under {@code src/test/resources/histories}.
 * Replaying them with the current workflow code proves the code still makes the same decisions for
 * runs that were in flight when it was deployed.
 */
enum ProvisioningHistories {

    /** Attempt 1 of dev + stage: dev succeeds, stage is refused three times (activity retries), partial. */
    PARTIAL_FIRST_ATTEMPT("partial-first-attempt.json", ProvisioningWorkflowImpl.class,
            "PublishStarted", "ProvisionVirtualCluster", "PublishResult", "PublishFinished"),
    /** Attempt 2 of the same application: only stage is provisioned, dev is carried over, completed. */
    RETRY_OF_THE_FAILED_ENVIRONMENT("retry-of-the-failed-environment.json", ProvisioningWorkflowImpl.class,
            "PublishStarted", "ProvisionVirtualCluster", "PublishResult", "PublishFinished"),
    /** Deprovisioning attempt 1 of the deleted application: dev is cleaned, stage is refused, not clean. */
    DEPROVISIONING_WITH_STAGE_DOWN("deprovisioning-with-stage-down.json", DeprovisioningWorkflowImpl.class,
            "PublishDeprovisioningStarted", "DeprovisionVirtualCluster", "PublishDeprovisioningResult",
            "PublishDeprovisioningFinished"),
    /** Deprovisioning attempt 2 once stage is back: both environments cleaned again, clean. */
    DEPROVISIONING_RETRY("deprovisioning-retry.json", DeprovisioningWorkflowImpl.class,
            "PublishDeprovisioningStarted", "DeprovisionVirtualCluster", "PublishDeprovisioningResult",
            "PublishDeprovisioningFinished");

    /** Where the recorder writes, relative to the module directory (Surefire's working directory). */
    static final Path SOURCE_DIRECTORY = Path.of("src", "test", "resources", "histories");

    private final String fileName;
    private final Class<?> workflow;
    private final List<String> activityTypes;

    ProvisioningHistories(String fileName, Class<?> workflow, String... activityTypes) {
        this.fileName = fileName;
        this.workflow = workflow;
        this.activityTypes = List.of(activityTypes);
    }

    /** The workflow implementation that recorded it. */
    Class<?> workflow() {
        return workflow;
    }

    /** Activity types the recorded run scheduled, each at least once. */
    List<String> activityTypes() {
        return activityTypes;
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
