package dev.provisioningstatus.gateway.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.gateway.GatewayIntegrationTest;
import dev.provisioningstatus.gateway.KafkaRecords;
import dev.provisioningstatus.gateway.TestTokens;
import dev.provisioningstatus.gateway.TestViews;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Views published to provisioning.status reach the gateway's answers. */
class ProvisioningStatusFeedKafkaTest extends GatewayIntegrationTest {

    private static final Duration GENEROUSLY = Duration.ofSeconds(30);
    private static final String MEMBER = TestTokens.member("feed-alice", "feed-a");

    private String workspaceList() {
        return client.get().uri("/api/workspaces/feed-a/provisioning-issues")
                .headers(headers -> headers.setBearerAuth(MEMBER))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void aPublishedViewAppearsInItsWorkspaceList() {
        KafkaRecords.publish(TestViews.failed("feed-published", "feed-a", 1));

        await().atMost(GENEROUSLY).untilAsserted(() -> assertThat(workspaceList()).contains("feed-published"));
    }

    @Test
    void anOlderVersionPublishedLaterIsIgnored() {
        KafkaRecords.publish(TestViews.failed("feed-versioned", "feed-a", 5));
        KafkaRecords.publish(TestViews.completed("feed-versioned", "feed-a", 4));
        KafkaRecords.publish(TestViews.partial("feed-marker", "feed-a", 1));

        await().atMost(GENEROUSLY).until(() -> index.find("feed-marker").isPresent());
        assertThat(index.find("feed-versioned")).map(ApplicationProvisioningView::status)
                .contains(ProvisioningStatus.FAILED);
    }

    @Test
    void aTombstoneRemovesTheApplication() {
        KafkaRecords.publish(TestViews.failed("feed-deleted", "feed-a", 1));
        await().atMost(GENEROUSLY).until(() -> index.find("feed-deleted").isPresent());

        KafkaRecords.publishTombstone("feed-deleted");

        await().atMost(GENEROUSLY).untilAsserted(() -> assertThat(workspaceList()).doesNotContain("feed-deleted"));
    }

    @Test
    void anUnreadableRecordIsSkippedAndLaterViewsStillArrive() {
        KafkaRecords.publishRaw(Topics.PROVISIONING_STATUS.name(), "feed-garbage",
                "{\"not\":\"a view\"}".getBytes(StandardCharsets.UTF_8));
        KafkaRecords.publish(TestViews.failed("feed-after-garbage", "feed-a", 1));

        await().atMost(GENEROUSLY).untilAsserted(() -> assertThat(workspaceList()).contains("feed-after-garbage"));
        assertThat(index.find("feed-garbage")).isEmpty();
    }

    @Test
    void theInstanceIsReadyOnceItHasReadTheTopic() {
        await().atMost(GENEROUSLY).untilAsserted(() -> client.get().uri("/actuator/health/readiness")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP"));
    }
}
