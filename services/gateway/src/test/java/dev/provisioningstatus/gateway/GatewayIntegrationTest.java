package dev.provisioningstatus.gateway;

import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.events.WebhookDeliveryAttempt;
import dev.provisioningstatus.events.WebhookSubscription;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import dev.provisioningstatus.gateway.webhook.WebhookIndex;
import dev.provisioningstatus.testsupport.KafkaBrokers;
import dev.provisioningstatus.testsupport.RealKafka;
import dev.provisioningstatus.testsupport.TestTopics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole gateway on a random port, against the real test broker; its answers to documented
 * operations are checked against its own API document ({@link ApiDocument}). Subclasses share one
 * application context (same configuration), so test classes keep to their own workspace and
 * application ids; one that changes a setting gets a context of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + GatewayApplication.CONFIG_NAME,
        "provisioning.gateway.security.hmac-secret=" + TestTokens.SECRET,
        "provisioning.webhooks.secret-key=" + TestWebhooks.SECRET_KEY,
        "provisioning.webhooks.allowed-hosts=" + TestWebhooks.ALLOWED_RECEIVER,
        "provisioning.gateway.cors.allowed-origins=" + GatewayIntegrationTest.ALLOWED_ORIGIN,
        "provisioning.gateway.retry.requests-per-caller=10000",
        "management.endpoint.health.show-details=always"})
@AutoConfigureWebTestClient(timeout = "30s")
@RealKafka
@Import(NoNameLookups.class)
public abstract class GatewayIntegrationTest {

    public static final String ALLOWED_ORIGIN = "https://portal.example.com";

    @Autowired
    protected WebTestClient client;

    @Autowired
    protected ProvisioningViewIndex index;

    @Autowired
    protected WebhookIndex webhooks;

    /** Every answer to a documented operation is checked against the live API document. */
    @BeforeEach
    void answersAreCheckedAgainstTheApiDocument() {
        client = client.mutate().filter(ApiDocument.of(client).answersFilter()).build();
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        String bootstrapServers = KafkaBrokers.shared().bootstrapServers();
        TestTopics.create(bootstrapServers, Topics.ALL);
        registry.add("spring.kafka.bootstrap-servers", () -> bootstrapServers);
    }

    /**
     * Writes subscriptions (again: the same records) and delivery attempts as the gateway and the notifier do,
     * and waits until this instance's index holds them.
     */
    protected void givenWebhooks(List<WebhookSubscription> subscriptions, List<WebhookDeliveryAttempt> attempts) {
        subscriptions.forEach(subscription -> KafkaRecords.publish(Topics.NOTIFICATIONS_SUBSCRIPTIONS, subscription));
        attempts.forEach(attempt -> KafkaRecords.publish(Topics.NOTIFICATIONS_DELIVERIES, attempt));
        await("the webhooks").atMost(Duration.ofSeconds(30)).until(() -> subscriptions.stream()
                .allMatch(subscription -> webhooks.find(subscription.subscriptionId()).isPresent())
                && attempts.stream().allMatch(attempt -> webhooks.attempts(attempt.subscriptionId()).stream()
                        .anyMatch(held -> held.deliveryId().equals(attempt.deliveryId()))));
    }

    /** Writes views to {@code provisioning.status} and waits until this instance's index holds them. */
    protected void given(ApplicationProvisioningView... views) {
        for (ApplicationProvisioningView view : views) {
            KafkaRecords.publish(view);
        }
        for (ApplicationProvisioningView view : views) {
            await("the view of " + view.applicationId()).atMost(Duration.ofSeconds(30))
                    .until(() -> index.find(view.applicationId())
                            .filter(held -> held.version() >= view.version()).isPresent());
        }
    }
}
