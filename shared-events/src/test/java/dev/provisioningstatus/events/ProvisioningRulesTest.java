package dev.provisioningstatus.events;

import static dev.provisioningstatus.events.EnvironmentStatus.FAILED;
import static dev.provisioningstatus.events.EnvironmentStatus.IN_PROGRESS;
import static dev.provisioningstatus.events.EnvironmentStatus.PENDING;
import static dev.provisioningstatus.events.EnvironmentStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules the worker, the status view and the gateway share. */
class ProvisioningRulesTest {

    private static final Instant AT = Instant.parse("2026-11-27T09:00:00Z");

    @Test
    void anAttemptWhoseEnvironmentsAllSucceededIsCompleted() {
        assertThat(ProvisioningStatus.ofOutcomes(List.of(SUCCEEDED, SUCCEEDED))).contains(ProvisioningStatus.COMPLETED);
    }

    @Test
    void anAttemptWhoseEnvironmentsAllFailedIsFailed() {
        assertThat(ProvisioningStatus.ofOutcomes(List.of(FAILED, FAILED))).contains(ProvisioningStatus.FAILED);
    }

    @Test
    void anAttemptWithSomeOfEachIsPartial() {
        assertThat(ProvisioningStatus.ofOutcomes(List.of(SUCCEEDED, FAILED))).contains(ProvisioningStatus.PARTIAL);
    }

    @Test
    void anAttemptWithAnEnvironmentStillRunningOrWaitingHasNoOutcomeYet() {
        assertThat(ProvisioningStatus.ofOutcomes(List.of(SUCCEEDED, IN_PROGRESS))).isEmpty();
        assertThat(ProvisioningStatus.ofOutcomes(List.of(FAILED, PENDING))).isEmpty();
    }

    @Test
    void aFailedEnvironmentIsToldToMembersByItsReasonNotByTheProducersText() {
        EnvironmentCondition failed = condition(Environment.STAGE, FAILED, FailureReason.ConnectionRefused,
                "connect to 10.0.0.5:9092 refused");
        assertThat(failed.moderateMessage()).isEqualTo("Connection refused");
    }

    @Test
    void aFailureWithoutAReasonIsAnUnexpectedError() {
        assertThat(condition(Environment.DEV, FAILED, null, "boom").moderateMessage()).isEqualTo("Unexpected error");
    }

    @Test
    void environmentsThatDidNotFailAreToldByTheirStatus() {
        assertThat(List.of(SUCCEEDED, IN_PROGRESS, PENDING)).extracting(status ->
                condition(Environment.DEV, status, null, "anything").moderateMessage())
                .containsExactly("Provisioned successfully", "Provisioning", "Waiting to be provisioned");
    }

    @Test
    void theErrorSummaryNamesEachFailedEnvironmentWithItsModerateMessage() {
        assertThat(EnvironmentCondition.errorSummary(List.of(
                condition(Environment.DEV, SUCCEEDED, null, "ok"),
                condition(Environment.STAGE, FAILED, FailureReason.ConnectionRefused, "host stage-1 refused"),
                condition(Environment.PROD, FAILED, FailureReason.ConnectionTimeout, "10.0.0.7 timed out"))))
                .isEqualTo("stage: Connection refused; prod: Connection timeout");
    }

    @Test
    void withoutAFailedEnvironmentThereIsNoErrorSummary() {
        assertThat(EnvironmentCondition.errorSummary(List.of(condition(Environment.DEV, SUCCEEDED, null, "ok"))))
                .isNull();
    }

    private static EnvironmentCondition condition(Environment environment, EnvironmentStatus status,
            FailureReason reason, String message) {
        return new EnvironmentCondition(environment, status, reason, message, null, false, null, 1, AT, List.of());
    }
}
