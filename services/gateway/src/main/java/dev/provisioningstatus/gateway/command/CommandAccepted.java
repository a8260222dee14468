package dev.provisioningstatus.gateway.command;

/** Answer of a request that produced a provisioning command. */
public record CommandAccepted(String applicationId, String commandId) {
}
