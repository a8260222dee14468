package dev.provisioningstatus.events;

/** A webhook URL {@link WebhookAddressPolicy} refuses; the message says why, in words fit for the subscriber. */
public final class WebhookAddressRefused extends IllegalArgumentException {

    public WebhookAddressRefused(String reason) {
        super(reason);
    }
}
