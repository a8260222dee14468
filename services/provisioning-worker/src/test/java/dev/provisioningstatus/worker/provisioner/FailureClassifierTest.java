package dev.provisioningstatus.worker.provisioner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.FailureReason;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.NotControllerException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

    @Test
    void aRefusedConnectionIsRetryable() {
        assertClassified(new ConnectException("Connection refused"), FailureReason.ConnectionRefused, true);
    }

    @Test
    void aTimeoutOfTheProbeOrOfTheAdminClientIsARetryableConnectionTimeout() {
        assertClassified(new SocketTimeoutException("Connect timed out"), FailureReason.ConnectionTimeout, true);
        assertClassified(new ExecutionException(new TimeoutException("Timed out waiting for a node assignment")),
                FailureReason.ConnectionTimeout, true);
    }

    @Test
    void missingRightsOrCredentialsAreNotRetryable() {
        assertClassified(new ExecutionException(new ClusterAuthorizationException("denied")),
                FailureReason.AuthorizationFailed, false);
        assertClassified(new SaslAuthenticationException("bad password"), FailureReason.AuthorizationFailed, false);
    }

    @Test
    void aPolicyRejectionIsNotRetryable() {
        assertClassified(new ExecutionException(new PolicyViolationException("replication factor too low")),
                FailureReason.PolicyViolation, false);
    }

    @Test
    void anUnknownErrorIsRetryableOnlyWhenKafkaSaysItMayPass() {
        assertClassified(new ExecutionException(new NotControllerException("moved")), FailureReason.Unknown, true);
        assertClassified(new UnsupportedVersionException("too old"), FailureReason.Unknown, false);
    }

    @Test
    void theDetailKeepsTheContextAndTheStackTrace() {
        ProvisioningException failure = FailureClassifier.classify("Provisioning dev/acme.shop failed",
                new ConnectException("Connection refused"));

        assertThat(failure.detail()).startsWith("Provisioning dev/acme.shop failed: java.net.ConnectException")
                .contains("\tat ");
    }

    private static void assertClassified(Throwable thrown, FailureReason reason, boolean retryable) {
        ProvisioningException failure = FailureClassifier.classify("context", thrown);
        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.retryable()).isEqualTo(retryable);
    }
}
