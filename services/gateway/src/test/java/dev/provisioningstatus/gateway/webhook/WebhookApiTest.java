package dev.provisioningstatus.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.EventIds;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.events.WebhookDeliveryAttempt;
import dev.provisioningstatus.events.WebhookDeliveryOutcome;
import dev.provisioningstatus.events.WebhookRedeliveryRequested;
import dev.provisioningstatus.events.WebhookSubscription;
import dev.provisioningstatus.events.WebhookTransition;
import dev.provisioningstatus.gateway.GatewayIntegrationTest;
import dev.provisioningstatus.gateway.KafkaRecords;
import dev.provisioningstatus.gateway.NoNameLookups;
import dev.provisioningstatus.gateway.TestTokens;
import dev.provisioningstatus.gateway.TestWebhooks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The webhook API against the real test broker: subscriptions written to and read back from
 * {@code notifications.subscriptions}, the secret shown once and stored encrypted, the delivery log read from
 * {@code notifications.deliveries}, redelivery requests on {@code notifications.commands}.
 */
class WebhookApiTest extends GatewayIntegrationTest {

    private static final String WORKSPACE = "hooks-a";
    private static final String MEMBER = TestTokens.member("hooks-alice", WORKSPACE);
    private static final String ADMIN = TestTokens.admin("hooks-admin");

    @Autowired
    private NoNameLookups.Resolver names;

    @Test
    void aNewSubscriptionIsAnswered201WithItsLocationAndItsSecretOnce() {
        EntityExchangeResult<CreatedWebhookSubscription> created = subscribe(MEMBER, WORKSPACE,
                Map.of("url", TestWebhooks.RECEIVER_URL, "transitions", List.of("failed", "recovered"),
                        "description", "on-call"))
                .expectStatus().isCreated()
                .expectBody(CreatedWebhookSubscription.class).returnResult();
        CreatedWebhookSubscription body = created.getResponseBody();

        assertThat(body.secret()).startsWith("whsec_");
        assertThat(body.workspaceId()).isEqualTo(WORKSPACE);
        assertThat(body.detail().id()).isEqualTo("moderate");
        assertThat(body.transitions()).containsExactly(WebhookTransition.FAILED, WebhookTransition.RECOVERED);
        assertThat(body.createdBy()).isEqualTo("hooks-alice");
        assertThat(created.getResponseHeaders().getLocation()).hasToString(
                "/api/workspaces/" + WORKSPACE + "/webhooks/" + body.subscriptionId());
    }

    @Test
    void theSecretIsNeverShownAgain() {
        CreatedWebhookSubscription created = created(MEMBER, WORKSPACE);

        String one = get(MEMBER, "/api/workspaces/" + WORKSPACE + "/webhooks/" + created.subscriptionId())
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        String all = get(MEMBER, "/api/workspaces/" + WORKSPACE + "/webhooks")
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        assertThat(one).contains(created.subscriptionId()).doesNotContain(created.secret(), "secret");
        assertThat(all).contains(created.subscriptionId()).doesNotContain(created.secret(), "secret");
    }

    @Test
    void theSubscriptionIsRecordedWithTheSecretEncryptedForItsId() {
        CreatedWebhookSubscription created = created(MEMBER, WORKSPACE);

        ConsumerRecord<String, byte[]> record = KafkaRecords.readCommitted(Topics.NOTIFICATIONS_SUBSCRIPTIONS.name(),
                candidate -> created.subscriptionId().equals(candidate.key()), 1, Duration.ofSeconds(30)).get(0);
        WebhookSubscription recorded = Topics.NOTIFICATIONS_SUBSCRIPTIONS.valueSerde().deserializer()
                .deserialize(record.topic(), record.value());

        assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .doesNotContain(created.secret(), created.secret().substring("whsec_".length()));
        assertThat(TestWebhooks.CIPHER.decrypt(recorded.encryptedSecret(), created.subscriptionId()))
                .isEqualTo(created.secret());
        assertThat(recorded.url()).isEqualTo(TestWebhooks.RECEIVER_URL);
    }

    @Test
    void aDeletedSubscriptionIsGone() {
        CreatedWebhookSubscription created = created(MEMBER, WORKSPACE);
        String path = "/api/workspaces/" + WORKSPACE + "/webhooks/" + created.subscriptionId();

        client.delete().uri(path).headers(headers -> headers.setBearerAuth(MEMBER)).exchange()
                .expectStatus().isNoContent();

        get(MEMBER, path).expectStatus().isNotFound();
        assertThat(KafkaRecords.readCommitted(Topics.NOTIFICATIONS_SUBSCRIPTIONS.name(),
                record -> created.subscriptionId().equals(record.key()) && record.value() == null, 1,
                Duration.ofSeconds(30))).hasSize(1);
    }

    @Test
    void anotherWorkspacesSubscriptionIsNotFoundOnThisWorkspacesRoute() {
        CreatedWebhookSubscription foreign = created(TestTokens.member("hooks-bob", "hooks-b"), "hooks-b");

        get(ADMIN, "/api/workspaces/" + WORKSPACE + "/webhooks/" + foreign.subscriptionId())
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        get(ADMIN, "/api/admin/webhooks/" + foreign.subscriptionId()).expectStatus().isNotFound();
    }

    @Test
    void aPlatformSubscriptionHasFullDetailAndIsListedOnlyOnTheAdminRoute() {
        CreatedWebhookSubscription created = subscribe(ADMIN, null,
                Map.of("url", TestWebhooks.RECEIVER_URL, "transitions", List.of("partial")))
                .expectStatus().isCreated().expectBody(CreatedWebhookSubscription.class).returnResult()
                .getResponseBody();

        assertThat(created.detail().id()).isEqualTo("full");
        assertThat(created.workspaceId()).isNull();
        get(ADMIN, "/api/admin/webhooks").expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).contains(created.subscriptionId()));
        get(ADMIN, "/api/workspaces/" + WORKSPACE + "/webhooks").expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).doesNotContain(created.subscriptionId()));
    }

    @Test
    void aUrlTheAddressPolicyRefusesIsA400WithTheReason() {
        subscribe(MEMBER, WORKSPACE, Map.of("url", "https://169.254.169.254/latest/meta-data/",
                "transitions", List.of("failed")))
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("url refused").contains("link-local"));
    }

    @Test
    void aUrlNamingAHostIsCheckedThroughTheTestResolverWhichQueriesNoDns() {
        subscribe(MEMBER, WORKSPACE, Map.of("url", "https://hooks.partner.test/events", "transitions", List.of("failed")))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("does not resolve"));
        assertThat(names.asked()).contains("hooks.partner.test");
    }

    @Test
    void plainHttpToAHostNotOnTheAllowlistIsA400() {
        subscribe(MEMBER, WORKSPACE, Map.of("url", "http://127.0.0.1:8/hooks", "transitions", List.of("failed")))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("https"));
    }

    @Test
    void noTransitionsOrAnUnknownOneIsA400() {
        subscribe(MEMBER, WORKSPACE, Map.of("url", TestWebhooks.RECEIVER_URL, "transitions", List.of()))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("transitions"));
        subscribe(MEMBER, WORKSPACE, Map.of("url", TestWebhooks.RECEIVER_URL, "transitions", List.of("exploded")))
                .expectStatus().isBadRequest();
    }

    @Test
    void aMissingOrMalformedBodyIsA400() {
        client.post().uri("/api/workspaces/" + WORKSPACE + "/webhooks").headers(headers -> headers.setBearerAuth(MEMBER))
                .contentType(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest();
        client.post().uri("/api/workspaces/" + WORKSPACE + "/webhooks").headers(headers -> headers.setBearerAuth(MEMBER))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"url\":").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anUnknownSubscriptionIsA404() {
        get(MEMBER, "/api/workspaces/" + WORKSPACE + "/webhooks/00000000-0000-4000-8000-000000000000")
                .expectStatus().isNotFound();
        client.delete().uri("/api/workspaces/" + WORKSPACE + "/webhooks/no-such-webhook")
                .headers(headers -> headers.setBearerAuth(MEMBER)).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void theDeliveryLogShowsTheLatestAttemptsNewestFirst() {
        CreatedWebhookSubscription created = created(MEMBER, WORKSPACE);
        WebhookDeliveryAttempt first = attempt(created.subscriptionId(), 1, 503, WebhookDeliveryOutcome.RETRYING);
        WebhookDeliveryAttempt second = attempt(created.subscriptionId(), 2, 204, WebhookDeliveryOutcome.DELIVERED);
        givenWebhooks(List.of(), List.of(first, second));

        WebhookDeliveryLog log = get(MEMBER, "/api/workspaces/" + WORKSPACE + "/webhooks/" + created.subscriptionId()
                + "/deliveries").expectStatus().isOk().expectBody(WebhookDeliveryLog.class).returnResult()
                .getResponseBody();

        assertThat(log.status()).isEqualTo(WebhookStatus.ACTIVE);
        assertThat(log.deliveries()).extracting(WebhookDeliveryView::attempt).containsExactly(2, 1);
        assertThat(log.deliveries().get(1).statusCode()).isEqualTo(503);
        assertThat(log.deliveries().get(1).error()).isEqualTo("HTTP 503");
        assertThat(log.deliveries().get(0).latencyMs()).isEqualTo(17);
    }

    @Test
    void aSubscriptionWhoseLatestDeliveryWasDeadLetteredShowsAsFailing() {
        CreatedWebhookSubscription created = created(MEMBER, WORKSPACE);
        givenWebhooks(List.of(), List.of(attempt(created.subscriptionId(), 5, 500,
                WebhookDeliveryOutcome.DEAD_LETTERED)));

        get(MEMBER, "/api/workspaces/" + WORKSPACE + "/webhooks/" + created.subscriptionId())
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("failing");
    }

    @Test
    void aRedeliveryIsRequestedOnTheCommandsTopic() {
        CreatedWebhookSubscription created = created(MEMBER, WORKSPACE);
        WebhookDeliveryAttempt delivered = attempt(created.subscriptionId(), 1, 204, WebhookDeliveryOutcome.DELIVERED);
        givenWebhooks(List.of(), List.of(delivered));

        RedeliveryAccepted accepted = client.post().uri("/api/workspaces/" + WORKSPACE + "/webhooks/"
                        + created.subscriptionId() + "/deliveries/" + delivered.deliveryId() + "/redeliver")
                .headers(headers -> headers.setBearerAuth(MEMBER)).exchange()
                .expectStatus().isAccepted().expectBody(RedeliveryAccepted.class).returnResult().getResponseBody();

        ConsumerRecord<String, byte[]> record = KafkaRecords.readCommitted(Topics.NOTIFICATIONS_COMMANDS.name(),
                candidate -> created.subscriptionId().equals(candidate.key()), 1, Duration.ofSeconds(30)).get(0);
        WebhookRedeliveryRequested request = Topics.NOTIFICATIONS_COMMANDS.valueSerde().deserializer()
                .deserialize(record.topic(), record.value());
        assertThat(request.deliveryId()).isEqualTo(delivered.deliveryId());
        assertThat(request.applicationId()).isEqualTo("hooks-app");
        assertThat(request.requestedBy()).isEqualTo("hooks-alice");
        assertThat(request.eventId()).isEqualTo(accepted.requestId());
    }

    @Test
    void aRedeliveryOfADeliveryNotInTheLogIsA404() {
        CreatedWebhookSubscription created = created(MEMBER, WORKSPACE);

        client.post().uri("/api/workspaces/" + WORKSPACE + "/webhooks/" + created.subscriptionId()
                        + "/deliveries/no-such-delivery/redeliver")
                .headers(headers -> headers.setBearerAuth(MEMBER)).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private static WebhookDeliveryAttempt attempt(String subscriptionId, int attempt, int statusCode,
            WebhookDeliveryOutcome outcome) {
        return WebhookDeliveryAttempt.of(subscriptionId, EventIds.of("hooks", subscriptionId), "hooks-app",
                WebhookTransition.FAILED, attempt, Instant.parse("2026-12-01T00:00:00Z").plusSeconds(attempt),
                statusCode, attempt == 2 ? 17 : 40, statusCode >= 300 ? "HTTP " + statusCode : null, outcome);
    }

    private CreatedWebhookSubscription created(String token, String workspaceId) {
        return subscribe(token, workspaceId, Map.of("url", TestWebhooks.RECEIVER_URL, "transitions", List.of("failed")))
                .expectStatus().isCreated().expectBody(CreatedWebhookSubscription.class).returnResult()
                .getResponseBody();
    }

    private WebTestClient.ResponseSpec subscribe(String token, String workspaceId, Map<String, Object> body) {
        String path = workspaceId == null ? "/api/admin/webhooks" : "/api/workspaces/" + workspaceId + "/webhooks";
        return client.post().uri(path).headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec get(String token, String path) {
        return client.get().uri(path).headers(headers -> headers.setBearerAuth(token))
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE).exchange();
    }
}
