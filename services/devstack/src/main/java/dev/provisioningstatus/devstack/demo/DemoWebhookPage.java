package dev.provisioningstatus.devstack.demo;

import java.time.format.DateTimeFormatter;
import java.util.List;

/** The demo receiver's page: each delivery, newest first, with its signature check. */
final class DemoWebhookPage {

    private DemoWebhookPage() {
    }

    static String render(List<DemoWebhookReceiver.ReceivedDelivery> deliveries, boolean subscribed) {
        StringBuilder rows = new StringBuilder();
        for (DemoWebhookReceiver.ReceivedDelivery delivery : deliveries) {
            rows.append("<tr><td>").append(DateTimeFormatter.ISO_INSTANT.format(delivery.receivedAt()))
                    .append("</td><td>").append(escape(delivery.type()))
                    .append("</td><td>").append(escape(delivery.subject()))
                    .append("</td><td><code>").append(escape(delivery.webhookId())).append("</code></td><td class=\"")
                    .append(delivery.signatureVerifies() ? "ok\">✓ verifies" : "bad\">✗ does not verify")
                    .append("</td><td><details><summary>body</summary><pre>").append(escape(delivery.body()))
                    .append("</pre></details></td></tr>\n");
        }
        String status = subscribed ? "Subscribed to every application's failed, partial and recovered transitions."
                : "Not subscribed yet.";
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta http-equiv="refresh" content="2">
                  <title>Webhook deliveries — devstack demo receiver</title>
                  <link rel="icon" href="data:,">
                  <style>
                    body { font-family: system-ui, sans-serif; margin: 24px; color: #1f2933; }
                    table { border-collapse: collapse; width: 100%%; font-size: 14px; }
                    th, td { border-bottom: 1px solid #d9e2ec; padding: 6px 8px; text-align: left; vertical-align: top; }
                    .ok { color: #0e7c3a; } .bad { color: #b42318; font-weight: bold; }
                    pre { white-space: pre-wrap; max-width: 60ch; }
                  </style>
                </head>
                <body>
                <h1>Webhook deliveries</h1>
                <p>%s Each delivery is a CloudEvent signed per Standard Webhooks; the signature is checked with the
                  secret the gateway showed when the devstack subscribed. Refreshes every 2 s.</p>
                <table>
                <thead><tr><th>received</th><th>type</th><th>application</th><th>webhook-id</th><th>signature</th>
                <th></th></tr></thead>
                <tbody>
                %s</tbody>
                </table>
                </body>
                </html>
                """.formatted(status, rows.length() == 0 ? "<tr><td colspan=\"6\">No delivery yet.</td></tr>\n" : rows);
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
