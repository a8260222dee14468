package dev.provisioningstatus.notifier;

import static dev.provisioningstatus.events.ProvisioningStatus.COMPLETED;
import static dev.provisioningstatus.events.ProvisioningStatus.FAILED;
import static dev.provisioningstatus.events.ProvisioningStatus.IN_PROGRESS;
import static dev.provisioningstatus.events.ProvisioningStatus.PARTIAL;
import static dev.provisioningstatus.events.ProvisioningStatus.PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.EventJson;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.events.WebhookDeliveryAttempt;
import dev.provisioningstatus.events.WebhookDeliveryOutcome;
import dev.provisioningstatus.events.WebhookRedeliveryRequested;
import dev.provisioningstatus.events.WebhookSecretCipher;
import dev.provisioningstatus.events.WebhookSigningSecret;
import dev.provisioningstatus.events.WebhookSubscription;
import dev.provisioningstatus.events.WebhookTransition;
import dev.provisioningstatus.notifier.receiver.TestReceiver;
import dev.provisioningstatus.notifier.receiver.TestReceiver.Answer;
import dev.provisioningstatus.notifier.subscription.Subscriptions;
import dev.provisioningstatus.testsupport.KafkaBrokers;
import dev.provisioningstatus.testsupport.RealKafka;
import dev.provisioningstatus.testsupport.TestTopics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The notifier as the devstack runs it (main's SpringApplication, Spring arguments), on a real broker,
 * delivering to real receivers on loopback. Each test has its own workspace and receiver.
 */
@RealKafka
class NotifierRealKafkaTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String SECRET_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final WebhookSecretCipher CIPHER = WebhookSecretCipher.fromBase64Key(SECRET_KEY);

    @TempDir
    static Path stateDir;

    private static ConfigurableApplicationContext notifier;
    private static String bootstrapServers;

    @BeforeAll
    static void startNotifier() {
        bootstrapServers = KafkaBrokers.shared().bootstrapServers();
        TestTopics.create(bootstrapServers, Topics.ALL);
        notifier = NotifierApplication.application().run(
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.kafka.streams.application-id=notifier-it-" + UUID.randomUUID(),
                "--spring.kafka.streams.state-dir=" + stateDir,
                "--provisioning.webhooks.secret-key=" + SECRET_KEY,
                "--provisioning.webhooks.allowed-hosts=127.0.0.1",
                "--provisioning.notifier.delivery.max-attempts=3",
                "--provisioning.notifier.delivery.initial-backoff=100ms",
                "--provisioning.notifier.delivery.max-backoff=400ms",
                "--provisioning.notifier.delivery.response-timeout=1s",
                "--server.port=0");
    }

    @AfterAll
    static void stopNotifier() {
        if (notifier != null) {
            notifier.close();
        }
    }

    @Test
    void aFailureAndTheRecoveryReachTheWorkspacesSubscriberInOrderSigned() {
        String workspace = uniqueId("ws");
        String app = uniqueId("app");
        String secret = WebhookSigningSecret.generate();
        try (TestReceiver receiver = TestReceiver.start().recordingFor(secret)) {
            subscribe(workspace, receiver, secret, List.of(WebhookTransition.FAILED, WebhookTransition.RECOVERED));

            publishViews(workspace, app, PENDING, IN_PROGRESS, FAILED, IN_PROGRESS, COMPLETED);

            await().atMost(PATIENCE).until(() -> receiver.received().size() >= 2);
            assertThat(receiver.received()).extracting(received -> type(received.body())).containsExactly(
                    "dev.provisioningstatus.application.failed", "dev.provisioningstatus.application.recovered");
        }
    }

    @Test
    void aSubscriberIsToldOnlyOfTheTransitionsItAskedFor() {
        String workspace = uniqueId("ws");
        String app = uniqueId("app");
        String secret = WebhookSigningSecret.generate();
        try (TestReceiver receiver = TestReceiver.start()) {
            subscribe(workspace, receiver, secret, List.of(WebhookTransition.RECOVERED));

            publishViews(workspace, app, IN_PROGRESS, PARTIAL, IN_PROGRESS, COMPLETED);

            await().atMost(PATIENCE).until(() -> !receiver.received().isEmpty());
            assertThat(receiver.received()).extracting(received -> type(received.body()))
                    .containsExactly("dev.provisioningstatus.application.recovered");
        }
    }

    @Test
    void anotherWorkspacesSubscriberHearsNothing() {
        String app = uniqueId("app");
        String workspace = uniqueId("ws");
        String secret = WebhookSigningSecret.generate();
        try (TestReceiver ours = TestReceiver.start(); TestReceiver theirs = TestReceiver.start()) {
            subscribe(workspace, ours, secret, List.of(WebhookTransition.FAILED));
            subscribe(uniqueId("other"), theirs, secret, List.of(WebhookTransition.FAILED));

            publishViews(workspace, app, IN_PROGRESS, FAILED);

            await().atMost(PATIENCE).until(() -> !ours.received().isEmpty());
            assertThat(theirs.received()).isEmpty();
        }
    }

    @Test
    void aReceiverThatFailsThenTimesOutThenRecoversGetsTheWebhookOnTheThirdAttempt() {
        String workspace = uniqueId("ws");
        String app = uniqueId("app");
        String secret = WebhookSigningSecret.generate();
        try (TestReceiver receiver = TestReceiver.start().recordingFor(secret)
                .answering(Answer.status(500), Answer.delayed(Duration.ofSeconds(3)), Answer.status(204))) {
            String subscriptionId = subscribe(workspace, receiver, secret, List.of(WebhookTransition.FAILED));

            publishViews(workspace, app, IN_PROGRESS, FAILED);

            List<WebhookDeliveryAttempt> attempts = awaitAttempts(subscriptionId, 3);
            assertThat(attempts).extracting(WebhookDeliveryAttempt::outcome).containsExactly(
                    WebhookDeliveryOutcome.RETRYING, WebhookDeliveryOutcome.RETRYING, WebhookDeliveryOutcome.DELIVERED);
            assertThat(receiver.received()).extracting(TestReceiver.Received::webhookId).hasSize(3)
                    .containsOnly(attempts.get(0).webhookId());
        }
    }

    @Test
    void afterTheLastAttemptTheDeliveryIsOnTheDeadLetterTopic() {
        String workspace = uniqueId("ws");
        String app = uniqueId("app");
        String secret = WebhookSigningSecret.generate();
        try (TestReceiver receiver = TestReceiver.start().otherwise(Answer.status(500))) {
            String subscriptionId = subscribe(workspace, receiver, secret, List.of(WebhookTransition.FAILED));

            publishViews(workspace, app, IN_PROGRESS, FAILED);

            assertThat(awaitAttempts(subscriptionId, 3)).extracting(WebhookDeliveryAttempt::outcome).containsExactly(
                    WebhookDeliveryOutcome.RETRYING, WebhookDeliveryOutcome.RETRYING,
                    WebhookDeliveryOutcome.DEAD_LETTERED);
            ConsumerRecord<String, byte[]> letter = awaitRecord(Topics.NOTIFICATIONS_DLQ.name(), subscriptionId);
            assertThat(new String(letter.headers().lastHeader("dlt-reason").value(), StandardCharsets.UTF_8))
                    .isEqualTo("no success after 3 attempts; last: HTTP 500");
        }
    }

    @Test
    void aRedeliveryCarriesTheSameWebhookId() {
        String workspace = uniqueId("ws");
        String app = uniqueId("app");
        String secret = WebhookSigningSecret.generate();
        try (TestReceiver receiver = TestReceiver.start().recordingFor(secret)) {
            String subscriptionId = subscribe(workspace, receiver, secret, List.of(WebhookTransition.FAILED));
            publishViews(workspace, app, IN_PROGRESS, FAILED);
            WebhookDeliveryAttempt delivered = awaitAttempts(subscriptionId, 1).get(0);

            send(Topics.NOTIFICATIONS_COMMANDS.name(), subscriptionId, Topics.NOTIFICATIONS_COMMANDS.valueSerde()
                    .serializer().serialize("t", WebhookRedeliveryRequested.of(subscriptionId, delivered.deliveryId(),
                            app, "alice", Instant.now())));

            await().atMost(PATIENCE).until(() -> receiver.received().size() >= 2);
            assertThat(receiver.received()).extracting(TestReceiver.Received::webhookId)
                    .containsExactly(delivered.webhookId(), delivered.webhookId());
        }
    }

    @Test
    void aRedeliveryOfADeliveryNotKeptGoesToTheDeadLetterTopicWithTheReason() {
        String secret = WebhookSigningSecret.generate();
        try (TestReceiver receiver = TestReceiver.start()) {
            String subscriptionId = subscribe(uniqueId("ws"), receiver, secret, List.of(WebhookTransition.FAILED));
            String unknownDelivery = UUID.randomUUID().toString();

            send(Topics.NOTIFICATIONS_COMMANDS.name(), subscriptionId, Topics.NOTIFICATIONS_COMMANDS.valueSerde()
                    .serializer().serialize("t", WebhookRedeliveryRequested.of(subscriptionId, unknownDelivery,
                            "no-such-app", "alice", Instant.now())));

            ConsumerRecord<String, byte[]> letter = awaitRecord(Topics.NOTIFICATIONS_DLQ.name(), subscriptionId);
            assertThat(new String(letter.headers().lastHeader("dlt-reason").value(), StandardCharsets.UTF_8))
                    .isEqualTo("no delivery " + unknownDelivery + " of no-such-app is kept");
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    void healthAndDeliveryMetricsAreOnActuator() throws Exception {
        String port = notifier.getEnvironment().getProperty("local.server.port");
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isIn(200, 503);
        assertThat(health.body()).contains("\"status\"");
        assertThat(metrics.body()).contains("notifier_subscriptions_active");
    }

    private static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String type(String body) {
        return EventJson.MAPPER.readTree(body).path("type").asString();
    }

    private static String subscribe(String workspace, TestReceiver receiver, String secret,
            List<WebhookTransition> transitions) {
        String subscriptionId = UUID.randomUUID().toString();
        WebhookSubscription subscription = WebhookSubscription.forWorkspace(subscriptionId, workspace,
                receiver.url("127.0.0.1", "/hooks").toString(), transitions, "test", CIPHER.encrypt(secret, subscriptionId),
                Instant.now(), "alice");
        send(Topics.NOTIFICATIONS_SUBSCRIPTIONS.name(), subscriptionId,
                Topics.NOTIFICATIONS_SUBSCRIPTIONS.valueSerde().serializer().serialize("t", subscription));
        // Transitions are matched against the subscriptions known when they are delivered.
        Subscriptions known = notifier.getBean(Subscriptions.class);
        await().atMost(PATIENCE).until(() -> known.get(subscriptionId).isPresent());
        return subscriptionId;
    }

    private static void publishViews(String workspace, String app, ProvisioningStatus... statuses) {
        for (int i = 0; i < statuses.length; i++) {
            ApplicationProvisioningView view = TestViews.inWorkspace(TestViews.view(app, statuses[i], i + 1),
                    workspace);
            send(Topics.PROVISIONING_STATUS.name(), app,
                    Topics.PROVISIONING_STATUS.valueSerde().serializer().serialize("t", view));
        }
    }

    private static void send(String topic, String key, byte[] value) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<WebhookDeliveryAttempt> awaitAttempts(String subscriptionId, int count) {
        List<WebhookDeliveryAttempt> attempts = new ArrayList<>();
        try (var consumer = consumer(Topics.NOTIFICATIONS_DELIVERIES.name())) {
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (subscriptionId.equals(record.key())) {
                        attempts.add(Topics.NOTIFICATIONS_DELIVERIES.valueSerde().deserializer()
                                .deserialize(record.topic(), record.value()));
                    }
                }
                return attempts.size() >= count;
            });
        }
        return attempts;
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(String topic, String key) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (var consumer = consumer(topic)) {
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
        }
        return found.get(0);
    }

    private static KafkaConsumer<String, byte[]> consumer(String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "notifier-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
