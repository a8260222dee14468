package dev.provisioningstatus.devstack.demo;

import dev.provisioningstatus.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Registers the demo applications through the gateway's public API, as the platform would. Which
 * environments fail is not scripted: it follows from which clusters are up.
 */
public final class DemoSeed {

    /** One demo application. */
    public record DemoApplication(String applicationId, String name, String workspaceId, String workspaceName,
            List<String> environments) {
    }

    public static final List<DemoApplication> APPLICATIONS = List.of(
            new DemoApplication("orders-api", "Orders API", "acme", "Acme Corp", List.of("dev", "stage", "prod")),
            new DemoApplication("payments", "Payments", "acme", "Acme Corp", List.of("dev", "prod")),
            new DemoApplication("fraud-scoring", "Fraud Scoring", "acme", "Acme Corp", List.of("stage")),
            new DemoApplication("inventory-sync", "Inventory Sync", "globex", "Globex", List.of("dev", "stage")),
            new DemoApplication("shipping-events", "Shipping Events", "globex", "Globex", List.of("dev", "prod")));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gatewayUrl;
    private final String serviceToken;

    public DemoSeed(String gatewayUrl, String serviceToken) {
        this.gatewayUrl = gatewayUrl;
        this.serviceToken = serviceToken;
    }

    public void registerAll() {
        APPLICATIONS.forEach(this::register);
    }

    public void register(DemoApplication application) {
        Map<String, Object> body = Map.of(
                "applicationId", application.applicationId(),
                "name", application.name(),
                "workspaceId", application.workspaceId(),
                "workspaceName", application.workspaceName(),
                "environments", application.environments());
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/applications"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + serviceToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.MAPPER.writeValueAsBytes(body)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("registering " + application.applicationId() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the gateway at " + gatewayUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
