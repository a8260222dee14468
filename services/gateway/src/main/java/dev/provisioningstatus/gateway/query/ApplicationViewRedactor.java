package dev.provisioningstatus.gateway.query;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ModerateApplication;

/**
 * What of a view each caller sees. Full is the contract's view as it is; moderate is
 * {@link ModerateApplication}, whose rule lives in the contract because webhooks use it too.
 */
public class ApplicationViewRedactor {

    /** The application as {@code detail} allows. */
    public ApplicationView render(ApplicationProvisioningView view, Detail detail) {
        return detail == Detail.FULL ? full(view) : member(view);
    }

    public AdminApplicationView full(ApplicationProvisioningView view) {
        return new AdminApplicationView(view);
    }

    public MemberApplicationView member(ApplicationProvisioningView view) {
        return new MemberApplicationView(moderate(view));
    }

    public ModerateApplication moderate(ApplicationProvisioningView view) {
        return ModerateApplication.of(view);
    }
}
