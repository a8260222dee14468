package dev.provisioningstatus.gateway.registration;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.gateway.command.ProvisioningCommandPublisher;
import dev.provisioningstatus.gateway.problem.ApiProblems;
import dev.provisioningstatus.gateway.query.VisibleApplications;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Deletes an application: a tombstone on {@code applications}, as any producer may write. The worker
 * removes the application from every environment, and the status view shows that until every
 * environment is clean. Deleting an application whose deprovisioning failed deletes it again, which
 * retries; while deprovisioning runs there is nothing to do.
 */
public final class ApplicationDeletion {

    private final ProvisioningViewIndex index;
    private final ProvisioningCommandPublisher publisher;

    public ApplicationDeletion(ProvisioningViewIndex index, ProvisioningCommandPublisher publisher) {
        this.index = index;
        this.publisher = publisher;
    }

    public Mono<DeletionAccepted> delete(String applicationId) {
        VisibleApplications.requireValidId(applicationId, "application");
        ApplicationProvisioningView view = index.find(applicationId)
                .orElseThrow(() -> ApiProblems.applicationNotFound(applicationId));
        if (view.status() == ProvisioningStatus.DEPROVISIONING) {
            throw ApiProblems.conflict("Application '" + applicationId + "' is being deprovisioned already",
                    Map.of("provisioningStatus", view.status().id()));
        }
        return publisher.delete(applicationId).thenReturn(new DeletionAccepted(applicationId));
    }
}
