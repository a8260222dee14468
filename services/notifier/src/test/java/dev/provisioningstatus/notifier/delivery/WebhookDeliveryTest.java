package dev.provisioningstatus.notifier.delivery;

import static dev.provisioningstatus.events.ProvisioningStatus.FAILED;
import static dev.provisioningstatus.notifier.TestViews.view;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.EventJson;
import dev.provisioningstatus.events.WebhookAddressPolicy;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.events.WebhookDeliveryAttempt;
import dev.provisioningstatus.events.WebhookDeliveryOutcome;
import dev.provisioningstatus.events.WebhookSubscription;
import dev.provisioningstatus.events.WebhookTransition;
import dev.provisioningstatus.notifier.receiver.TestReceiver;
import dev.provisioningstatus.notifier.receiver.TestReceiver.Answer;
import dev.provisioningstatus.notifier.subscription.ActiveSubscription;
import dev.provisioningstatus.notifier.transition.ApplicationTransition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** One delivery against a real HTTP receiver on loopback; the Kafka side is a mock producer. */
class WebhookDeliveryTest {

    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "delivery-test-secret-32-bytes-!!".getBytes(StandardCharsets.UTF_8));
    /**
     * Resolved to loopback by the test's policy only: the name exists in no DNS, so the webhook arrives only
     * if the sender connects to the address the policy checked rather than looking the name up itself.
     */
    static final String HOST = "hooks.acme.test";

    private final TestReceiver receiver = TestReceiver.start();
    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ApplicationTransition transition = ApplicationTransition.of(WebhookTransition.FAILED,
            view("orders-api", FAILED, 3));
    private WebhookSender sender;

    @AfterEach
    void stop() throws Exception {
        receiver.close();
        if (sender != null) {
            sender.close();
        }
    }

    static DeliveryProperties properties(int maxAttempts, int maxResponseBytes) {
        return new DeliveryProperties(maxAttempts, Duration.ofMillis(10), 2.0, Duration.ofMillis(40), 0.5,
                Duration.ofSeconds(2), Duration.ofMillis(500), maxResponseBytes, 2, 16);
    }

    /** The devstack's kind of policy: {@link #HOST} allowlisted, resolving to loopback. */
    private static WebhookAddressPolicy loopbackPolicy() {
        return new WebhookAddressPolicy(List.of(HOST), host -> List.of(InetAddress.getLoopbackAddress()));
    }

    private WebhookDelivery delivery(DeliveryProperties properties, WebhookAddressPolicy policy) {
        sender = new WebhookSender(properties);
        return new WebhookDelivery(sender, policy, new Backoff(properties, RandomGenerator.getDefault()),
                new DeliveryRecords(producer, meters), properties.maxAttempts(), Clock.systemUTC());
    }

    private ActiveSubscription subscription(String url, String workspaceId) {
        WebhookSubscription subscription = workspaceId == null
                ? WebhookSubscription.forPlatform("wh-1", url, List.of(WebhookTransition.FAILED), "test", "unused",
                        Instant.EPOCH, "alice")
                : WebhookSubscription.forWorkspace("wh-1", workspaceId, url, List.of(WebhookTransition.FAILED), "test",
                        "unused", Instant.EPOCH, "alice");
        return new ActiveSubscription(subscription, new WebhookSignature(SECRET));
    }

    private ActiveSubscription workspaceSubscription() {
        return subscription(receiver.url(HOST, "/hooks").toString(), "acme");
    }

    private List<WebhookDeliveryAttempt> attempts() {
        return producer.history().stream().filter(r -> r.topic().equals(Topics.NOTIFICATIONS_DELIVERIES.name()))
                .map(r -> Topics.NOTIFICATIONS_DELIVERIES.valueSerde().deserializer().deserialize(r.topic(), r.value()))
                .toList();
    }

    private List<ProducerRecord<String, byte[]>> deadLetters() {
        return producer.history().stream().filter(r -> r.topic().equals(Topics.NOTIFICATIONS_DLQ.name())).toList();
    }

    @Test
    void aWebhookCarriesTheTransitionIdATimestampAndASignatureOverACloudEvent() throws Exception {
        receiver.recordingFor(SECRET);

        WebhookDeliveryOutcome outcome = delivery(properties(3, 4096), loopbackPolicy())
                .deliver(transition, workspaceSubscription());

        assertThat(outcome).isEqualTo(WebhookDeliveryOutcome.DELIVERED);
        TestReceiver.Received received = receiver.received().get(0);
        assertThat(received.webhookId()).isEqualTo(transition.id());
        assertThat(received.headers().get("webhook-timestamp")).matches("\\d{10}");
        assertThat(received.headers().get("webhook-signature")).startsWith("v1,");
        assertThat(received.headers().get("content-type")).startsWith("application/cloudevents+json");
        JsonNode event = EventJson.MAPPER.readTree(received.body());
        assertThat(event.path("specversion").asString()).isEqualTo("1.0");
        assertThat(event.path("id").asString()).isEqualTo(transition.id());
        assertThat(event.path("type").asString()).isEqualTo("dev.provisioningstatus.application.failed");
        assertThat(event.path("subject").asString()).isEqualTo("orders-api");
        assertThat(event.path("data").path("transition").asString()).isEqualTo("failed");
    }

    @Test
    void aReceiverThatFailsThenTimesOutThenRecoversGetsTheWebhookWithTheSameId() throws Exception {
        receiver.recordingFor(SECRET).answering(Answer.status(500), Answer.delayed(Duration.ofSeconds(3)),
                Answer.status(200));

        WebhookDeliveryOutcome outcome = delivery(properties(5, 4096), loopbackPolicy())
                .deliver(transition, workspaceSubscription());

        assertThat(outcome).isEqualTo(WebhookDeliveryOutcome.DELIVERED);
        assertThat(attempts()).extracting(WebhookDeliveryAttempt::outcome).containsExactly(
                WebhookDeliveryOutcome.RETRYING, WebhookDeliveryOutcome.RETRYING, WebhookDeliveryOutcome.DELIVERED);
        assertThat(attempts()).extracting(WebhookDeliveryAttempt::statusCode).containsExactly(500, null, 200);
        assertThat(attempts().get(1).error()).isEqualTo("timed out waiting for the answer");
        assertThat(receiver.received()).extracting(TestReceiver.Received::webhookId).containsOnly(transition.id());
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void afterTheLastAttemptTheDeliveryGoesToTheDeadLetterTopicWithTheReason() throws Exception {
        receiver.otherwise(Answer.status(503));

        WebhookDeliveryOutcome outcome = delivery(properties(3, 4096), loopbackPolicy())
                .deliver(transition, workspaceSubscription());

        assertThat(outcome).isEqualTo(WebhookDeliveryOutcome.DEAD_LETTERED);
        assertThat(attempts()).extracting(WebhookDeliveryAttempt::outcome).containsExactly(
                WebhookDeliveryOutcome.RETRYING, WebhookDeliveryOutcome.RETRYING,
                WebhookDeliveryOutcome.DEAD_LETTERED);
        ProducerRecord<String, byte[]> letter = deadLetters().get(0);
        assertThat(letter.key()).isEqualTo("wh-1");
        assertThat(new String(letter.headers().lastHeader("dlt-reason").value(), StandardCharsets.UTF_8))
                .isEqualTo("no success after 3 attempts; last: HTTP 503");
        assertThat(EventJson.MAPPER.readTree(letter.value()).path("id").asString()).isEqualTo(transition.id());
        assertThat(meters.counter("notifier.deliveries", "outcome", "dead_lettered").count()).isEqualTo(1);
    }

    @Test
    void aRedirectIsAFailureAndIsNotFollowed() throws Exception {
        try (TestReceiver elsewhere = TestReceiver.start()) {
            receiver.otherwise(Answer.redirectTo(elsewhere.url("127.0.0.1", "/")));

            delivery(properties(1, 4096), loopbackPolicy()).deliver(transition, workspaceSubscription());

            assertThat(attempts().get(0).error()).isEqualTo("HTTP 302");
            assertThat(elsewhere.received()).isEmpty();
        }
    }

    @Test
    void onlyTheFirstBytesOfAnAnswerAreRead() throws Exception {
        receiver.otherwise(Answer.body(500, "x".repeat(200_000)));

        delivery(properties(1, 16), loopbackPolicy()).deliver(transition, workspaceSubscription());

        assertThat(attempts().get(0).error()).isEqualTo("HTTP 500: " + "x".repeat(16));
    }

    @Test
    void aWorkspaceSubscriptionIsToldTheModerateViewOnly() throws Exception {
        delivery(properties(1, 4096), loopbackPolicy()).deliver(transition, workspaceSubscription());

        String body = receiver.received().get(0).body();
        assertThat(body).doesNotContain("workflowId", "errorDetail", "broker-3.stage.internal");
        assertThat(EventJson.MAPPER.readTree(body).path("data").path("application").path("error").asString())
                .isEqualTo("dev: Connection refused; stage: Connection refused");
    }

    @Test
    void aPlatformSubscriptionIsToldTheWholeView() throws Exception {
        delivery(properties(1, 4096), loopbackPolicy())
                .deliver(transition, subscription(receiver.url(HOST, "/hooks").toString(), null));

        assertThat(receiver.received().get(0).body()).contains("workflowId", "errorDetail", "broker-3.stage.internal");
    }

    @Test
    void oneEndpointGetsNoMoreConnectionsAtOnceThanItsLimit() throws Exception {
        assertThat(mostInFlightWithTwoDeliveriesAtOnce(1)).isEqualTo(1);
    }

    @Test
    void oneEndpointGetsAsManyConnectionsAtOnceAsItsLimitAllows() throws Exception {
        assertThat(mostInFlightWithTwoDeliveriesAtOnce(2)).isEqualTo(2);
    }

    private int mostInFlightWithTwoDeliveriesAtOnce(int perEndpointConcurrency) throws Exception {
        receiver.holdingUntilInFlight(2);
        DeliveryProperties properties = new DeliveryProperties(1, Duration.ofMillis(10), 2.0, Duration.ofMillis(40),
                0.5, Duration.ofSeconds(2), Duration.ofSeconds(15), 4096, perEndpointConcurrency, 16);
        WebhookDelivery delivery = delivery(properties, loopbackPolicy());
        ApplicationTransition other = ApplicationTransition.of(WebhookTransition.FAILED, view("billing", FAILED, 3));
        ExecutorService deliveries = Executors.newFixedThreadPool(2);
        try {
            Future<WebhookDeliveryOutcome> first = deliveries.submit(() -> delivery.deliver(transition,
                    workspaceSubscription()));
            Future<WebhookDeliveryOutcome> second = deliveries.submit(() -> delivery.deliver(other,
                    workspaceSubscription()));
            assertThat(List.of(first.get(), second.get())).containsOnly(WebhookDeliveryOutcome.DELIVERED);
        } finally {
            deliveries.shutdownNow();
        }
        return receiver.mostInFlight();
    }

    @Test
    void aHostThatResolvesToAPrivateAddressIsRefusedWithoutConnecting() throws Exception {
        WebhookAddressPolicy policy = new WebhookAddressPolicy(List.of(),
                host -> List.of(InetAddress.getByAddress(new byte[] {10, 0, 0, 7})));

        delivery(properties(1, 4096), policy).deliver(transition,
                subscription("https://" + HOST + ":" + receiver.port() + "/hooks", "acme"));

        assertThat(receiver.received()).isEmpty();
        assertThat(attempts().get(0).error())
                .isEqualTo("address refused: the host " + HOST + " is 10.0.0.7, a private address");
        assertThat(attempts().get(0).statusCode()).isNull();
    }

    @Test
    void everyAttemptChecksTheAddressAgainAndConnectsToWhatItChecked() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        WebhookAddressPolicy rebinding = new WebhookAddressPolicy(List.of(HOST), host -> List.of(
                lookups.incrementAndGet() == 1 ? InetAddress.getLoopbackAddress()
                        : InetAddress.getByAddress(new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254})));
        receiver.otherwise(Answer.status(500));

        delivery(properties(2, 4096), rebinding).deliver(transition, workspaceSubscription());

        assertThat(receiver.received()).hasSize(1);
        assertThat(attempts()).extracting(WebhookDeliveryAttempt::error).containsExactly("HTTP 500",
                "address refused: the host " + HOST + " is 169.254.169.254, a link-local address");
        assertThat(lookups).hasValue(2);
    }
}
