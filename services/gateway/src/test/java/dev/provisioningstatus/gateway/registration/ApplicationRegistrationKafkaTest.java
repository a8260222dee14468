package dev.provisioningstatus.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.CloudEventHeaders;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.ProvisionRequested;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.events.Trigger;
import dev.provisioningstatus.gateway.GatewayIntegrationTest;
import dev.provisioningstatus.gateway.KafkaRecords;
import dev.provisioningstatus.gateway.TestTokens;
import dev.provisioningstatus.gateway.TestViews;
import dev.provisioningstatus.gateway.command.CommandAccepted;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Commands land on the real broker, transactionally, in the contract's format. */
class ApplicationRegistrationKafkaTest extends GatewayIntegrationTest {

    private static final Duration GENEROUSLY = Duration.ofSeconds(30);

    @Test
    void registeringAnApplicationCommitsItAndItsFirstCommandTogether() {
        String applicationId = "kafka-reg-" + UUID.randomUUID().toString().substring(0, 8);

        var response = client.post().uri("/api/applications")
                .headers(headers -> headers.setBearerAuth(TestTokens.admin("kafka-admin")))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("applicationId", applicationId, "name", "Kafka registration",
                        "workspaceId", "kafka-ws", "workspaceName", "Kafka WS", "environments", List.of("dev", "stage")))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/api/applications/" + applicationId + "/provisioning")
                .expectBody(CommandAccepted.class).returnResult();
        CommandAccepted accepted = response.getResponseBody();

        ConsumerRecord<String, byte[]> registered = only(Topics.APPLICATIONS.name(), applicationId);
        ApplicationRegistered application = Topics.APPLICATIONS.valueSerde().deserializer()
                .deserialize(registered.topic(), registered.value());
        assertThat(application.workspaceId()).isEqualTo("kafka-ws");
        assertThat(application.environments()).containsExactly(Environment.DEV, Environment.STAGE);
        assertCloudEventHeaders(registered.headers(), application.eventId(), "ApplicationRegistered");

        ConsumerRecord<String, byte[]> requested = only(Topics.PROVISIONING_COMMANDS.name(), applicationId);
        ProvisionRequested command = Topics.PROVISIONING_COMMANDS.valueSerde().deserializer()
                .deserialize(requested.topic(), requested.value());
        assertThat(command.trigger()).isEqualTo(Trigger.CREATED);
        assertThat(command.requestedBy()).isEqualTo("kafka-admin");
        assertThat(command.commandId()).isEqualTo(accepted.commandId());
        assertThat(command.environments()).containsExactly(Environment.DEV, Environment.STAGE);
        assertThat(command.incarnation()).isEqualTo(application.eventId());
        assertCloudEventHeaders(requested.headers(), command.eventId(), "ProvisionRequested");
    }

    @Test
    void aRetryCommitsARetryCommandNamingEveryEnabledEnvironment() {
        String applicationId = "kafka-retry-" + UUID.randomUUID().toString().substring(0, 8);
        given(TestViews.partial(applicationId, "kafka-ws", 1));

        CommandAccepted accepted = client.post().uri("/api/applications/" + applicationId + "/provisioning/retry")
                .headers(headers -> headers.setBearerAuth(TestTokens.member("kafka-alice", "kafka-ws")))
                .exchange()
                .expectStatus().isAccepted()
                .expectBody(CommandAccepted.class).returnResult().getResponseBody();

        ConsumerRecord<String, byte[]> requested = only(Topics.PROVISIONING_COMMANDS.name(), applicationId);
        ProvisionRequested command = Topics.PROVISIONING_COMMANDS.valueSerde().deserializer()
                .deserialize(requested.topic(), requested.value());
        assertThat(command.trigger()).isEqualTo(Trigger.RETRY);
        assertThat(command.commandId()).isEqualTo(accepted.commandId());
        assertThat(command.environments()).containsExactly(Environment.DEV, Environment.STAGE);
        assertThat(command.requestedBy()).isEqualTo("kafka-alice");
    }

    @Test
    void repeatingARegistrationWithItsIdempotencyKeyAnswersTheSameAndWritesOnce() {
        String applicationId = "kafka-idem-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = Map.of("applicationId", applicationId, "name", "Idempotent", "workspaceId", "kafka-ws",
                "workspaceName", "Kafka WS", "environments", List.of("dev"));

        CommandAccepted first = registerWithKey(body, "key-" + applicationId).expectStatus().isCreated()
                .expectBody(CommandAccepted.class).returnResult().getResponseBody();
        CommandAccepted again = registerWithKey(body, "key-" + applicationId).expectStatus().isCreated()
                .expectBody(CommandAccepted.class).returnResult().getResponseBody();
        registerWithKey(Map.of("name", "Something else"), "key-" + applicationId).expectStatus().isEqualTo(422);

        assertThat(again).isEqualTo(first);
        assertThat(KafkaRecords.readCommitted(Topics.PROVISIONING_COMMANDS.name(),
                record -> applicationId.equals(record.key()), 2, Duration.ofSeconds(5))).hasSize(1);
    }

    @Test
    void deletingCommitsATombstoneOnApplications() {
        String applicationId = "kafka-del-" + UUID.randomUUID().toString().substring(0, 8);
        given(TestViews.completed(applicationId, "kafka-ws", 3));

        client.delete().uri("/api/applications/" + applicationId)
                .headers(headers -> headers.setBearerAuth(TestTokens.service("kafka-platform", "applications:write")))
                .exchange()
                .expectStatus().isAccepted()
                .expectBody(DeletionAccepted.class).isEqualTo(new DeletionAccepted(applicationId));

        assertThat(only(Topics.APPLICATIONS.name(), applicationId).value()).isNull();
    }

    @Test
    void aRetryRightAfterARegistrationIsToldTheFirstAttemptRunsNeverThatTheApplicationIsUnknown() {
        String applicationId = "kafka-ryw-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = Map.of("applicationId", applicationId, "name", "Read your writes",
                "workspaceId", "kafka-ws", "workspaceName", "Kafka WS", "environments", List.of("dev"));
        registerWithKey(body, "key-" + applicationId).expectStatus().isCreated();

        client.post().uri("/api/applications/" + applicationId + "/provisioning/retry")
                .headers(headers -> headers.setBearerAuth(TestTokens.member("kafka-alice", "kafka-ws")))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.attempt").isEqualTo(1);
        registerWithKey(body, "another-key-" + applicationId).expectStatus().isEqualTo(409);
    }

    private WebTestClient.ResponseSpec registerWithKey(Map<String, Object> body, String key) {
        return client.post().uri("/api/applications")
                .headers(headers -> headers.setBearerAuth(TestTokens.admin("kafka-admin")))
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private static ConsumerRecord<String, byte[]> only(String topic, String applicationId) {
        List<ConsumerRecord<String, byte[]>> records = KafkaRecords.readCommitted(topic,
                record -> applicationId.equals(record.key()), 1, GENEROUSLY);
        assertThat(records).as("committed records of %s on %s", applicationId, topic).hasSize(1);
        return records.get(0);
    }

    private static void assertCloudEventHeaders(Headers headers, String eventId, String type) {
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.ID)).isEqualTo(eventId);
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.TYPE)).isEqualTo("dev.provisioningstatus." + type);
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.SOURCE)).isEqualTo("/gateway");
        assertThat(CloudEventHeaders.read(headers, CloudEventHeaders.TIME)).isNotBlank();
    }
}
