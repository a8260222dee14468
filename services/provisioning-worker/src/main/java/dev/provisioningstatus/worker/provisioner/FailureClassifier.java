package dev.provisioningstatus.worker.provisioner;

import dev.provisioningstatus.events.FailureReason;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;

/** Turns whatever a cluster call threw into a {@link FailureReason} and whether a retry may help. */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static ProvisioningException classify(String context, Throwable failure) {
        if (failure instanceof ProvisioningException classified) {
            return classified;
        }
        Throwable cause = unwrap(failure);
        return new ProvisioningException(reasonOf(cause), isRetryable(cause), context + ": " + cause, cause);
    }

    static FailureReason reasonOf(Throwable cause) {
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                || cause instanceof UnknownHostException) {
            return FailureReason.ConnectionRefused;
        }
        if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
            return FailureReason.ConnectionTimeout;
        }
        if (cause instanceof AuthorizationException || cause instanceof AuthenticationException) {
            return FailureReason.AuthorizationFailed;
        }
        if (cause instanceof PolicyViolationException) {
            return FailureReason.PolicyViolation;
        }
        return FailureReason.Unknown;
    }

    private static boolean isRetryable(Throwable cause) {
        return switch (reasonOf(cause)) {
            case ConnectionRefused, ConnectionTimeout -> true;
            case AuthorizationFailed, PolicyViolation, ClusterNotConfigured -> false;
            // Kafka marks the errors that may go away on their own; anything else is likely to repeat.
            case Unknown -> cause instanceof RetriableException;
        };
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
