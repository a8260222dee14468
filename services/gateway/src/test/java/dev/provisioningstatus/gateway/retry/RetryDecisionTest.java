package dev.provisioningstatus.gateway.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.gateway.TestViews;
import org.junit.jupiter.api.Test;

class RetryDecisionTest {

    @Test
    void aFailedApplicationMayBeRetried() {
        assertThat(RetryDecision.about(TestViews.failed("app", "acme", 1)))
                .isEqualTo(new RetryDecision.Allowed(true));
    }

    @Test
    void aPartialApplicationMayBeRetried() {
        assertThat(RetryDecision.about(TestViews.partial("app", "acme", 1)))
                .isEqualTo(new RetryDecision.Allowed(true));
    }

    @Test
    void retryIsRefusedWhileProvisioningIsInProgressNamingTheAttempt() {
        assertThat(RetryDecision.about(TestViews.inProgress("app", "acme", 3, 5)))
                .isEqualTo(new RetryDecision.InProgress(3));
    }

    @Test
    void aCompletedApplicationHasNothingToRetry() {
        assertThat(RetryDecision.about(TestViews.completed("app", "acme", 1)))
                .isEqualTo(new RetryDecision.NothingToRetry(ProvisioningStatus.COMPLETED));
    }

    @Test
    void aPendingApplicationHasNothingToRetry() {
        assertThat(RetryDecision.about(TestViews.pending("app", "acme", 1)))
                .isEqualTo(new RetryDecision.NothingToRetry(ProvisioningStatus.PENDING));
    }

    @Test
    void aFailureMarkedNotRetryableIsStillAllowedButSaysSo() {
        assertThat(RetryDecision.about(TestViews.failedForGood("app", "acme", 1)))
                .isEqualTo(new RetryDecision.Allowed(false));
    }
}
