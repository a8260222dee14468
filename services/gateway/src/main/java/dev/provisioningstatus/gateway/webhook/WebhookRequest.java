package dev.provisioningstatus.gateway.webhook;

import java.util.List;

/**
 * Body of {@code POST …/webhooks}; validated by {@link WebhookRequestValidator}.
 *
 * @param url         where to POST deliveries: https, a public address
 * @param transitions any of {@code failed}, {@code partial}, {@code recovered}; at least one
 * @param description optional, for people: what the endpoint is
 */
public record WebhookRequest(String url, List<String> transitions, String description) {
}
