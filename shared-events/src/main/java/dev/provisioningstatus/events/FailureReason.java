package dev.provisioningstatus.events;

/**
 * Machine code for why an environment failed, in the Kubernetes condition style. Each code
 * carries the moderate, human message shown to workspace members.
 */
public enum FailureReason {
    ConnectionRefused("Connection refused"),
    ConnectionTimeout("Connection timeout"),
    AuthorizationFailed("Not authorized"),
    PolicyViolation("Rejected by cluster policy"),
    ClusterNotConfigured("Environment not configured"),
    Unknown("Unexpected error");

    private final String moderateMessage;

    FailureReason(String moderateMessage) {
        this.moderateMessage = moderateMessage;
    }

    /** Text safe for workspace members: no hosts, addresses, stack traces or workflow ids. */
    public String moderateMessage() {
        return moderateMessage;
    }
}
