package dev.provisioningstatus.gateway.query;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.Ids;
import dev.provisioningstatus.gateway.problem.ApiProblems;
import dev.provisioningstatus.gateway.security.Caller;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;

/**
 * Looks up one application for a caller. Another workspace's application is answered exactly
 * like an unknown one, so members cannot even learn that it exists.
 */
public final class VisibleApplications {

    private final ProvisioningViewIndex index;

    public VisibleApplications(ProvisioningViewIndex index) {
        this.index = index;
    }

    /** The view, or a 400 problem for a malformed id, or a 404 problem when unknown or not the caller's. */
    public ApplicationProvisioningView require(String applicationId, Caller caller) {
        requireValidId(applicationId, "application");
        return index.find(applicationId)
                .filter(view -> caller.isAdmin() || caller.isMemberOf(view.workspaceId()))
                .orElseThrow(() -> ApiProblems.applicationNotFound(applicationId));
    }

    public static void requireValidId(String id, String what) {
        if (!Ids.isValid(id)) {
            throw ApiProblems.badRequest(malformedId(what));
        }
    }

    /** What a caller is told of a malformed id. */
    public static String malformedId(String what) {
        return "Malformed " + what + " id: it must match " + Ids.PATTERN;
    }
}
