package dev.provisioningstatus.gateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.EventJson;
import dev.provisioningstatus.events.ModerateApplication;
import dev.provisioningstatus.events.ModerateEnvironment;
import dev.provisioningstatus.gateway.AdminOnlyText;
import dev.provisioningstatus.gateway.TestViews;
import org.junit.jupiter.api.Test;

class ApplicationViewRedactorTest {

    private final ApplicationViewRedactor redactor = new ApplicationViewRedactor();
    private final ApplicationProvisioningView view = TestViews.partial("payments", "acme", 4);

    @Test
    void moderateDetailLeavesOutEventIdWorkflowIdErrorDetailAndHistory() {
        String json = EventJson.MAPPER.writeValueAsString(redactor.render(view, Detail.MODERATE));

        assertThat(json).doesNotContain("eventId", "workflowId", "errorDetail", "history",
                "broker-7.internal", "10.0.0.5", "KafkaClient.java");
    }

    @Test
    void moderateDetailKeepsWhatMembersNeed() {
        ModerateApplication moderate = redactor.moderate(view);

        assertThat(moderate.applicationId()).isEqualTo("payments");
        assertThat(moderate.status()).isEqualTo(view.status());
        assertThat(moderate.version()).isEqualTo(4);
        assertThat(moderate.environments()).extracting(ModerateEnvironment::message)
                .containsExactly("Provisioned successfully", "Connection timeout");
        assertThat(moderate.environments()).extracting(ModerateEnvironment::retryable).containsExactly(false, true);
    }

    @Test
    void moderateMessagesAreRebuiltFromStatusAndReasonWhateverTheProducerWrote() {
        ModerateApplication moderate = redactor.moderate(AdminOnlyText.partial("payments", "acme", 1));

        assertThat(moderate.environments()).extracting(ModerateEnvironment::message)
                .containsExactly("Provisioned successfully", "Not authorized");
    }

    @Test
    void aFailureWithoutAReasonCodeReadsAsAnUnexpectedError() {
        ModerateApplication moderate = redactor.moderate(AdminOnlyText.failed("payments", "acme", 1));

        assertThat(moderate.environments()).extracting(ModerateEnvironment::message)
                .containsExactly("Connection refused", "Unexpected error");
        assertThat(moderate.error()).isEqualTo("dev: Connection refused; stage: Unexpected error");
    }

    @Test
    void runningAndWaitingEnvironmentsGetFixedMessages() {
        assertThat(redactor.moderate(AdminOnlyText.retrying("payments", "acme", 1)).environments())
                .extracting(ModerateEnvironment::message).containsExactly("Provisioned successfully", "Provisioning");
        assertThat(redactor.moderate(AdminOnlyText.pending("payments", "acme", 1)).environments())
                .extracting(ModerateEnvironment::message).containsExactly("Waiting to be provisioned");
    }

    @Test
    void moderateErrorIsRebuiltFromTheFailedEnvironmentsReasons() {
        assertThat(redactor.moderate(view).error()).isEqualTo("stage: Connection timeout");
    }

    @Test
    void moderateFieldsAreExactlyTheContractsList() {
        String json = EventJson.MAPPER.writeValueAsString(redactor.moderate(view));

        assertThat(EventJson.MAPPER.readTree(json).propertyNames()).containsExactlyInAnyOrder("applicationId", "name",
                "workspaceId", "workspaceName", "status", "error", "attempt", "lastAttemptAt", "updatedAt", "version",
                "environments");
        assertThat(EventJson.MAPPER.readTree(json).get("environments").get(1).propertyNames()).containsExactlyInAnyOrder(
                "environment", "status", "reason", "message", "retryable", "attempt", "lastTransitionTime");
    }

    @Test
    void fullDetailIsTheWholeView() {
        assertThat(redactor.render(view, Detail.FULL)).isEqualTo(new AdminApplicationView(view));
    }

    @Test
    void anAdminViewIsWrittenExactlyAsTheContractsView() {
        assertThat(EventJson.MAPPER.writeValueAsString(redactor.full(view)))
                .isEqualTo(EventJson.MAPPER.writeValueAsString(view));
    }

    @Test
    void aMemberViewIsWrittenExactlyAsTheContractsModerateView() {
        assertThat(EventJson.MAPPER.writeValueAsString(redactor.render(view, Detail.MODERATE)))
                .isEqualTo(EventJson.MAPPER.writeValueAsString(redactor.moderate(view)));
    }
}
