package dev.provisioningstatus.notifier.subscription;

import dev.provisioningstatus.events.WebhookDetail;
import dev.provisioningstatus.events.WebhookSubscription;
import dev.provisioningstatus.notifier.delivery.WebhookSignature;
import dev.provisioningstatus.notifier.transition.ApplicationTransition;

/** A subscription as the notifier uses it: with its secret decrypted into a signer. */
public record ActiveSubscription(WebhookSubscription subscription, WebhookSignature signature) {

    public String id() {
        return subscription.subscriptionId();
    }

    public String url() {
        return subscription.url();
    }

    /** Whether it gets the whole view (platform) or what a workspace member sees. */
    public boolean fullDetail() {
        return subscription.detail() == WebhookDetail.FULL;
    }

    /** Whether it asked for this kind of transition, of an application it may see. */
    public boolean wants(ApplicationTransition transition) {
        return subscription.covers(transition.workspaceId()) && subscription.wants(transition.transition());
    }
}
