package dev.provisioningstatus.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.devstack.broker.KraftBroker;
import dev.provisioningstatus.devstack.demo.DemoSeed;
import dev.provisioningstatus.devstack.demo.DemoWebhookReceiver;
import dev.provisioningstatus.devstack.demo.DemoTokens;
import dev.provisioningstatus.devstack.process.ChildJvm;
import dev.provisioningstatus.devstack.process.Ports;
import dev.provisioningstatus.devstack.process.TemporalTestService;
import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.EnvironmentCondition;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.EventJson;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.testsupport.KafkaBroker;
import dev.provisioningstatus.testsupport.RealKafka;
import dev.provisioningstatus.testsupport.TestTopics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The thin slice, all real: the three services in their own JVMs, a real Kafka broker, the
 * Temporal SDK's test service. The stage cluster is a broker of its own that is down unless a test
 * brings it up, so stage fails for a real reason while dev and prod (the test broker itself) succeed.
 */
@RealKafka
class EndToEndTest {

    private static final String WORKSPACE = "e2e-acme";
    private static final Duration PROVISIONING_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path work;

    private static TemporalTestService temporal;
    private static KraftBroker stage;
    private static Services services;
    private static DemoTokens tokens;
    private static DemoWebhookReceiver receiver;

    private static String bootstrapServers;

    @BeforeAll
    static void startSystem(KafkaBroker broker) {
        bootstrapServers = broker.bootstrapServers();
        TestTopics.create(broker.bootstrapServers(), Topics.ALL);
        temporal = TemporalTestService.start();
        tokens = new DemoTokens(DemoTokens.randomSecret());
        stage = KraftBroker.formatted("stage", work.resolve("kafka-stage"), Ports.free());
        receiver = DemoWebhookReceiver.start();
        services = Services.start(new Services.Settings(
                broker.bootstrapServers(),
                temporal.target(),
                Map.of("dev", broker.bootstrapServers(), "stage", stage.bootstrapServers(),
                        "prod", broker.bootstrapServers()),
                tokens.secret(),
                Ports.free(),
                List.of(),
                List.of(receiver.hostAndPort()),
                work));
    }

    @AfterAll
    static void stopSystem() {
        if (services != null) {
            services.close();
        }
        if (temporal != null) {
            temporal.close();
        }
        if (stage != null) {
            stage.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void theKeysAreInNoServicesCommandLineYetTheGatewaysTokensAreAccepted() throws Exception {
        for (ChildJvm service : services.processes()) {
            assertThat(ChildJvm.commandLine(service.pid()).orElseThrow())
                    .as("%s's command line, which any local user can read", service.name())
                    .noneMatch(argument -> argument.contains(tokens.secret())
                            || argument.contains(services.webhookSecretKey()));
        }
        HttpResponse<Void> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        services.gatewayUrl() + "/api/workspaces/" + WORKSPACE + "/provisioning-issues"))
                        .header("Authorization", "Bearer " + tokens.tokenFor("erin", List.of(WORKSPACE), List.of()))
                        .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(answer.statusCode()).as("a member's token signed with the key").isEqualTo(200);
    }

    @Test
    void anApplicationWhoseStageClusterIsUnreachableReachesTheWorkspaceStreamAsPartial() throws Exception {
        String memberToken = tokens.tokenFor("erin", List.of(WORKSPACE), List.of());
        try (SseTestClient stream = new SseTestClient(
                services.gatewayUrl() + "/api/workspaces/" + WORKSPACE + "/provisioning-issues/stream", memberToken)) {
            stream.await(event -> event.event().equals("snapshot"), Duration.ofSeconds(30));

            new DemoSeed(services.gatewayUrl(), tokens.platformServiceToken()).register(new DemoSeed.DemoApplication(
                    "e2e-orders", "E2E Orders", WORKSPACE, "E2E Acme", List.of("dev", "stage", "prod")));

            SseTestClient.SseEvent partial = stream.await(event -> event.event().equals("status")
                    && event.data().path("application").path("status").asString("").equals("partial"),
                    PROVISIONING_TIMEOUT);
            JsonNode application = partial.data().get("application");
            assertThat(application.get("applicationId").asString()).isEqualTo("e2e-orders");
            assertThat(environment(application, "stage").get("reason").asString()).isEqualTo("ConnectionRefused");
            assertThat(environment(application, "stage").get("message").asString()).isEqualTo("Connection refused");
            assertThat(environment(application, "dev").get("status").asString()).isEqualTo("succeeded");
            assertThat(environment(application, "prod").get("status").asString()).isEqualTo("succeeded");
            assertThat(application.has("workflowId")).as("members never see workflow ids").isFalse();
            assertThat(environment(application, "stage").has("errorDetail"))
                    .as("members never see error details").isFalse();

            ApplicationProvisioningView issue = awaitIssue("e2e-orders", ProvisioningStatus.PARTIAL);
            assertThat(issue.version()).isEqualTo(application.get("version").asLong());
            assertThat(issue.environments()).extracting(EnvironmentCondition::status).containsExactly(
                    EnvironmentStatus.SUCCEEDED, EnvironmentStatus.FAILED, EnvironmentStatus.SUCCEEDED);
        }
    }

    @Test
    void deletingDeprovisionsAndRegisteringAgainProvisionsAfreshWithVersionsRisingThroughout() throws Exception {
        String applicationId = "e2e-lifecycle";
        String principal = WORKSPACE + "." + applicationId;
        DemoSeed platform = new DemoSeed(services.gatewayUrl(), tokens.platformServiceToken());
        platform.register(new DemoSeed.DemoApplication(applicationId, "E2E Lifecycle", WORKSPACE, "E2E Acme",
                List.of("dev", "prod")));
        JsonNode first = awaitStatus(applicationId, "completed");
        assertThat(VirtualClusterState.read(bootstrapServers, principal, "dev/" + principal).quotas()).isNotEmpty();

        assertThat(call("DELETE", "/api/applications/" + applicationId, tokens.platformServiceToken()).statusCode())
                .isEqualTo(202);
        awaitGone(applicationId);

        for (String environment : List.of("dev", "prod")) {
            VirtualClusterState left = VirtualClusterState.read(bootstrapServers, principal,
                    environment + "/" + principal);
            assertThat(left.quotas()).as("quotas of %s on %s", principal, environment).isEmpty();
            assertThat(left.registryEntry()).as("registry entry on %s", environment).isNull();
        }
        platform.register(new DemoSeed.DemoApplication(applicationId, "E2E Lifecycle", WORKSPACE, "E2E Acme",
                List.of("dev", "prod")));
        JsonNode again = awaitStatus(applicationId, "completed");

        assertThat(again.get("attempt").asInt()).isEqualTo(1);
        assertThat(again.get("version").asLong()).isGreaterThan(first.get("version").asLong());
        assertThat(VirtualClusterState.read(bootstrapServers, principal, "dev/" + principal).quotas()).isNotEmpty();
        List<ApplicationProvisioningView> records = StatusTopicHistory.of(bootstrapServers, applicationId,
                view -> view != null && view.version() == again.get("version").asLong(), PROVISIONING_TIMEOUT);
        List<ApplicationProvisioningView> views = records.stream().filter(Objects::nonNull).toList();
        assertThat(records).as("a tombstone between the two registrations").containsNull();
        assertThat(views).extracting(ApplicationProvisioningView::version)
                .as("versions 1..N, rising across the deletion").containsExactlyElementsOf(
                        LongStream.rangeClosed(1, views.size()).boxed().toList());
        assertThat(views).extracting(ApplicationProvisioningView::eventId).doesNotHaveDuplicates();
        assertThat(views).extracting(ApplicationProvisioningView::incarnation).doesNotContainNull().hasSize(
                views.size()).satisfies(incarnations -> assertThat(Set.copyOf(incarnations)).hasSize(2));
        assertThat(StatusTopicHistory.keptByTheVersionRule(records)).as("what a reader by the version rule keeps")
                .isEqualTo(views);
    }

    @Test
    void deprovisioningWhileStageIsDownIsVisibleAndAnAdminsRetrySucceedsOnceStageIsBack() throws Exception {
        String applicationId = "e2e-leaving";
        String admin = tokens.tokenFor("ada", List.of(), List.of("platform-admin"));
        new DemoSeed(services.gatewayUrl(), tokens.platformServiceToken()).register(new DemoSeed.DemoApplication(
                applicationId, "E2E Leaving", WORKSPACE, "E2E Acme", List.of("dev", "stage")));
        awaitStatus(applicationId, "partial");

        assertThat(call("DELETE", "/api/applications/" + applicationId, admin).statusCode()).isEqualTo(202);
        JsonNode failed = awaitStatus(applicationId, "deprovisioning_failed");

        assertThat(environment(failed, "stage").get("status").asString()).isEqualTo("failed");
        assertThat(environment(failed, "stage").get("reason").asString()).isEqualTo("ConnectionRefused");
        assertThat(environment(failed, "dev").get("status").asString()).isEqualTo("deprovisioned");
        assertThat(failed.get("error").asString()).isEqualTo("stage: Connection refused");
        try {
            stage.startProcess();
            assertThat(call("DELETE", "/api/applications/" + applicationId, admin).statusCode()).isEqualTo(202);
            awaitGone(applicationId);
        } finally {
            stage.stopProcess();
        }
    }

    @Test
    void aWorkspaceWebhookHearsOfTheFailureAndOfTheRecoveryAfterTheRetryEachDeliverySigned() throws Exception {
        String applicationId = "e2e-hooked";
        String member = tokens.tokenFor("erin", List.of(WORKSPACE), List.of());
        HttpResponse<String> subscribed = call("POST", "/api/workspaces/" + WORKSPACE + "/webhooks", member,
                Map.of("url", receiver.deliveryUrl(), "transitions", List.of("partial", "recovered")));
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
        receiver.useSecret(EventJson.MAPPER.readTree(subscribed.body()).get("secret").asString());

        new DemoSeed(services.gatewayUrl(), tokens.platformServiceToken()).register(new DemoSeed.DemoApplication(
                applicationId, "E2E Hooked", WORKSPACE, "E2E Acme", List.of("dev", "stage")));
        DemoWebhookReceiver.ReceivedDelivery partial = awaitDelivery(applicationId, "partial");
        assertThat(partial.signatureVerifies()).as(partial.body()).isTrue();
        try {
            stage.startProcess();
            HttpResponse<String> retried = call("POST", "/api/applications/" + applicationId + "/provisioning/retry",
                    member);
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
            DemoWebhookReceiver.ReceivedDelivery recovered = awaitDelivery(applicationId, "recovered");
            assertThat(recovered.signatureVerifies()).as(recovered.body()).isTrue();
            assertThat(recovered.webhookId()).isNotEqualTo(partial.webhookId());
        } finally {
            stage.stopProcess();
        }
    }

    /** Waits until the demo receiver got a delivery of {@code transition} about the application. */
    private static DemoWebhookReceiver.ReceivedDelivery awaitDelivery(String applicationId, String transition) {
        AtomicReference<DemoWebhookReceiver.ReceivedDelivery> found = new AtomicReference<>();
        await().atMost(PROVISIONING_TIMEOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            found.set(receiver.deliveries().stream().filter(delivery -> delivery.subject().equals(applicationId)
                    && delivery.type().endsWith("." + transition)).findFirst().orElse(null));
            assertThat(found.get()).as("a %s delivery about %s; received: %s", transition, applicationId,
                    receiver.deliveries()).isNotNull();
        });
        return found.get();
    }

    /** Polls the application as an admin until its status is {@code status}; returns that view. */
    private static JsonNode awaitStatus(String applicationId, String status) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(PROVISIONING_TIMEOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            HttpResponse<String> answer = call("GET", "/api/applications/" + applicationId + "/provisioning",
                    tokens.tokenFor("ada", List.of(), List.of("platform-admin")));
            if (answer.statusCode() == 200) {
                last.set(EventJson.MAPPER.readTree(answer.body()));
            }
            assertThat(last.get()).as("%s's view", applicationId).isNotNull();
            assertThat(last.get().get("status").asString())
                    .as("%s's status; last seen: %s", applicationId, last.get()).isEqualTo(status);
        });
        return last.get();
    }

    /** Polls until the gateway no longer knows the application: its view was tombstoned. */
    private static void awaitGone(String applicationId) {
        await().atMost(PROVISIONING_TIMEOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(call("GET", "/api/applications/" + applicationId + "/provisioning",
                        tokens.tokenFor("ada", List.of(), List.of("platform-admin"))).statusCode())
                        .as("%s after its deletion", applicationId).isEqualTo(404));
    }

    private static HttpResponse<String> call(String method, String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(services.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> call(String method, String path, String token, Object body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(services.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(EventJson.MAPPER.writeValueAsBytes(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The application's view on provisioning.issues, read as an alerting service would (read_committed). */
    private static ApplicationProvisioningView awaitIssue(String applicationId, ProvisioningStatus status) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-issues-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                Topics.PROVISIONING_ISSUES.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.PROVISIONING_ISSUES.name()));
            long deadline = System.nanoTime() + PROVISIONING_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (applicationId.equals(record.key()) && record.value() != null
                            && record.value().status() == status) {
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("no " + status.id() + " view of " + applicationId + " on "
                + Topics.PROVISIONING_ISSUES.name());
    }

    private static JsonNode environment(JsonNode application, String name) {
        for (JsonNode environment : application.get("environments")) {
            if (environment.get("environment").asString().equals(name)) {
                return environment;
            }
        }
        throw new AssertionError("no environment " + name + " in " + application);
    }
}
