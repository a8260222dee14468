package dev.provisioningstatus.gateway.command;

/** A transaction could not be committed: none of its records became visible. */
public class CommandPublishingException extends RuntimeException {

    public CommandPublishingException(String message, Throwable cause) {
        super(message, cause);
    }
}
