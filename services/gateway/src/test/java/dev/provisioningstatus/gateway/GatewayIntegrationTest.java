package dev.provisioningstatus.gateway;

import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import dev.provisioningstatus.testsupport.KafkaBrokers;
import dev.provisioningstatus.testsupport.RealKafka;
import dev.provisioningstatus.testsupport.TestTopics;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
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
        "provisioning.gateway.cors.allowed-origins=" + GatewayIntegrationTest.ALLOWED_ORIGIN,
        "provisioning.gateway.retry.requests-per-caller=10000",
        "management.endpoint.health.show-details=always"})
@AutoConfigureWebTestClient(timeout = "30s")
@RealKafka
public abstract class GatewayIntegrationTest {

    public static final String ALLOWED_ORIGIN = "https://portal.example.com";

    @Autowired
    protected WebTestClient client;

    @Autowired
    protected ProvisioningViewIndex index;

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
