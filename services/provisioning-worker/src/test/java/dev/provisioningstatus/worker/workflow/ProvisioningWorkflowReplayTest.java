package dev.provisioningstatus.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs that are in flight when a new worker version is deployed continue on the new code, which
 * must make the same decisions their histories recorded. Replaying recorded histories with the
 * current {@link ProvisioningWorkflowImpl} and {@link DeprovisioningWorkflowImpl} fails on any
 * non-deterministic change (activities reordered, added or removed without {@code Workflow.getVersion}).
 */
class ProvisioningWorkflowReplayTest {

    @ParameterizedTest
    @EnumSource(ProvisioningHistories.class)
    void recordedRunReplaysWithTheCurrentWorkflowCode(ProvisioningHistories recorded) throws Exception {
        WorkflowReplayer.replayWorkflowExecution(recorded.read(), recorded.workflow());
    }

    @ParameterizedTest
    @EnumSource(ProvisioningHistories.class)
    void recordedRunIsACompleteRunWithProvisioningAndPublishing(ProvisioningHistories recorded) {
        WorkflowExecutionHistory history = recorded.read();

        assertThat(history.getLastEvent().getEventType()).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
        assertThat(history.getEvents().stream()
                .filter(event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .map(ProvisioningWorkflowReplayTest::activityType))
                .containsAll(recorded.activityTypes());
    }

    private static String activityType(HistoryEvent scheduled) {
        return scheduled.getActivityTaskScheduledEventAttributes().getActivityType().getName();
    }
}
