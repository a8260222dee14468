package dev.provisioningstatus.gateway.registration;

import dev.provisioningstatus.events.Environment;
import java.util.List;

/** A registration request that passed validation; every field holds a contract-valid value. */
public record ValidRegistration(
        String applicationId,
        String name,
        String workspaceId,
        String workspaceName,
        List<Environment> environments) {

    public ValidRegistration {
        environments = List.copyOf(environments);
    }
}
