package dev.provisioningstatus.notifier.delivery;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ModerateApplication;
import dev.provisioningstatus.events.WebhookTransition;
import dev.provisioningstatus.notifier.transition.ApplicationTransition;
import java.time.Instant;

/**
 * The body of a webhook: a CloudEvents 1.0 event in structured JSON mode. {@code id} is the transition's
 * id (also the {@code webhook-id} header), {@code type} names the transition, {@code subject} is the
 * application id, {@code time} when the view showed the transition.
 */
public record WebhookEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        Data data) {

    public static final String CONTENT_TYPE = "application/cloudevents+json";
    public static final String SOURCE = "/provisioning-status/notifier";
    public static final String TYPE_PREFIX = "dev.provisioningstatus.application.";

    /** What a subscription at {@code detail} is told of {@code transition}. */
    public static WebhookEvent of(ApplicationTransition transition, boolean fullDetail) {
        ApplicationProvisioningView view = transition.view();
        Data data = fullDetail
                ? new FullData(transition.transition(), view)
                : new ModerateData(transition.transition(), ModerateApplication.of(view));
        return new WebhookEvent("1.0", transition.id(), SOURCE, TYPE_PREFIX + transition.transition().id(),
                view.applicationId(), view.updatedAt(), "application/json", data);
    }

    /** The event's data: the transition and the application at the subscription's detail level. */
    public sealed interface Data permits ModerateData, FullData {
        WebhookTransition transition();
    }

    /** For workspace subscriptions: what a workspace member may see of the application. */
    public record ModerateData(WebhookTransition transition, ModerateApplication application) implements Data {
    }

    /** For platform subscriptions: the whole view, error details included. */
    public record FullData(WebhookTransition transition, ApplicationProvisioningView application) implements Data {
    }
}
