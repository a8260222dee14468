package dev.provisioningstatus.worker.provisioner;

import dev.provisioningstatus.events.Environment;

/** The virtual cluster of {@code workspaceId}'s application {@code applicationId} in {@code environment}. */
public record VirtualClusterRequest(
        Environment environment,
        String workspaceId,
        String applicationId,
        String applicationName) {

    /** {@code <env>/<workspace>.<application>}: unique across environments, stable across attempts. */
    public String virtualClusterId() {
        return environment.id() + "/" + qualifiedName();
    }

    /** The principal the application's clients authenticate as. */
    public String principalName() {
        return qualifiedName();
    }

    /** Prefix of every topic and consumer group the application owns. */
    public String resourcePrefix() {
        return qualifiedName() + ".";
    }

    private String qualifiedName() {
        return workspaceId + "." + applicationId;
    }
}
