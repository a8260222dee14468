package dev.provisioningstatus.notifier.transition;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.EventIds;
import dev.provisioningstatus.events.WebhookTransition;

/**
 * One transition of one application, on the notifier's internal transitions topic, keyed by application
 * id: what every matching subscription is told. It carries the whole view; each subscription's detail
 * level trims it when the webhook is built.
 *
 * @param id the {@code webhook-id}: the same whenever this view version is read again
 */
public record ApplicationTransition(String id, WebhookTransition transition, ApplicationProvisioningView view) {

    public static ApplicationTransition of(WebhookTransition transition, ApplicationProvisioningView view) {
        return new ApplicationTransition(id(transition, view), transition, view);
    }

    /**
     * Name-based over what the transition states: the application's incarnation, the view version that
     * showed it, and the transition. A re-read of the view, or a restart, yields the same id.
     */
    static String id(WebhookTransition transition, ApplicationProvisioningView view) {
        return EventIds.ofIncarnation("WebhookTransition", view.applicationId(), view.incarnation(), view.version(),
                transition);
    }

    public String applicationId() {
        return view.applicationId();
    }

    public String workspaceId() {
        return view.workspaceId();
    }
}
