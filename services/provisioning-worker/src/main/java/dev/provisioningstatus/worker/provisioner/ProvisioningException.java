package dev.provisioningstatus.worker.provisioner;

import dev.provisioningstatus.events.ErrorDetail;
import dev.provisioningstatus.events.FailureReason;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Provisioning an environment failed. {@code reason} classifies why, {@code retryable} says
 * whether trying again may help, {@code detail} is the full text with stack trace (for admins).
 */
public class ProvisioningException extends RuntimeException {

    private final FailureReason reason;
    private final boolean retryable;
    private final String detail;

    public ProvisioningException(FailureReason reason, boolean retryable, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.retryable = retryable;
        this.detail = ErrorDetail.cap(describe(message, cause));
    }

    public FailureReason reason() {
        return reason;
    }

    public boolean retryable() {
        return retryable;
    }

    public String detail() {
        return detail;
    }

    private static String describe(String message, Throwable cause) {
        if (cause == null) {
            return message;
        }
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        return message + "\n" + trace;
    }
}
