package dev.provisioningstatus.reliability.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.devstack.Services;
import dev.provisioningstatus.devstack.process.ChildJvm;
import dev.provisioningstatus.events.ApplicationProvisioningView;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.EnvironmentCondition;
import dev.provisioningstatus.events.EnvironmentStatus;
import dev.provisioningstatus.events.EventIds;
import dev.provisioningstatus.events.EventJson;
import dev.provisioningstatus.events.FailureReason;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.events.WebhookSecretCipher;
import dev.provisioningstatus.events.WebhookSigningSecret;
import dev.provisioningstatus.events.WebhookSubscription;
import dev.provisioningstatus.events.WebhookTransition;
import dev.provisioningstatus.reliability.system.SuiteReport;
import dev.provisioningstatus.reliability.system.WorkDirectory;
import dev.provisioningstatus.testsupport.KafkaBrokers;
import dev.provisioningstatus.testsupport.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notifier killed with SIGKILL while it delivers, and started again, repeatedly. Applications fail
 * and recover on {@code provisioning.status}; two subscriptions (a workspace's and a platform one) post
 * to a receiver on loopback that is slow to answer, so deliveries are in flight at every kill. Each test
 * states one property of what the receiver got.
 */
class NotifierKillTest {

    private static final int APPLICATIONS = Integer.getInteger("reliability.notifier-applications", 24);
    private static final int KILLS = Integer.getInteger("reliability.notifier-kills", 3);
    private static final Duration PATIENCE = Duration.ofSeconds(240);
    private static final String SECRET_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private static final List<String> SUBSCRIPTION_PATHS = List.of("/workspace", "/platform");
    /** The transitions each application makes, in order: failed, then recovered. */
    private static final Map<String, List<String>> expectedIdsByApplication = new LinkedHashMap<>();
    private static List<WebhookReceiver.Receipt> receipts = List.of();
    private static int kills;

    @BeforeAll
    static void deliverThroughKills() throws Exception {
        String bootstrap = KafkaBrokers.shared().bootstrapServers();
        TestTopics.create(bootstrap, Topics.ALL);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String workspace = "notify-" + run;
        Path work = WorkDirectory.create("notifier-kill");
        try (WebhookReceiver receiver = new WebhookReceiver(Duration.ofMillis(150));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                        new StringSerializer(), new ByteArraySerializer())) {
            subscribe(producer, receiver, workspace);
            ChildJvm notifier = ChildJvm.prepare(ChildJvm.Launch.of("notifier",
                    "dev.provisioningstatus.notifier.NotifierApplication", ChildJvm.SERVICE_JVM_OPTIONS, List.of(
                            "--spring.kafka.bootstrap-servers=" + bootstrap,
                            "--spring.kafka.streams.application-id=notifier-kill-" + run,
                            "--spring.kafka.streams.state-dir=" + work.resolve("notifier-state"),
                            "--provisioning.notifier.transitions.topic=notifier-kill-" + run + ".transitions",
                            "--provisioning.webhooks.allowed-hosts=127.0.0.1",
                            "--server.port=0", "--server.address=127.0.0.1"),
                    work.resolve("logs").resolve("notifier.log"))
                    .withEnvironment(Map.of(Services.WEBHOOK_SECRET_KEY_VARIABLE, SECRET_KEY)));
            try {
                notifier.start();
                for (int i = 0; i < APPLICATIONS; i++) {
                    publishFailureAndRecovery(producer, workspace, "notify-" + run + "-" + i);
                }
                int expected = expectedIdsByApplication.size() * 2 * SUBSCRIPTION_PATHS.size();
                for (int kill = 1; kill <= KILLS; kill++) {
                    int reached = expected * kill / (KILLS + 1);
                    await().atMost(PATIENCE).until(() -> receiver.receipts().size() >= reached);
                    notifier.kill();
                    kills++;
                    notifier.start();
                }
                await().atMost(PATIENCE).until(() -> everyTransitionReachedEverySubscription(receiver.receipts()));
                // The platform subscription also hears of applications other suites left on the shared broker.
                receipts = receiver.receipts().stream()
                        .filter(receipt -> expectedIdsByApplication.containsKey(subject(receipt))).toList();
            } finally {
                notifier.close();
                WorkDirectory.keepLogs(work.resolve("logs"), "notifier-kill");
            }
        }
        SuiteReport.print("Notifier kills", "%d SIGKILL, %d applications, %d transitions to %d subscriptions, "
                + "%d requests received, %d of them repeats", kills, APPLICATIONS, expectedIdsByApplication.size() * 2,
                SUBSCRIPTION_PATHS.size(), receipts.size(), receipts.size() - distinctDeliveries());
    }

    @AfterAll
    static void forget() {
        expectedIdsByApplication.clear();
    }

    @Test
    void theNotifierWasKilledWhileDelivering() {
        assertThat(kills).isEqualTo(KILLS);
    }

    @Test
    void everyTransitionReachedEverySubscriptionAtLeastOnce() {
        assertThat(everyTransitionReachedEverySubscription(receipts)).isTrue();
    }

    @Test
    void everyRepeatCarriesTheWebhookIdOfTheFirstDelivery() {
        Map<String, Set<String>> idsByFact = new HashMap<>();
        for (WebhookReceiver.Receipt receipt : receipts) {
            var event = EventJson.MAPPER.readTree(receipt.body());
            String fact = receipt.path() + " " + event.path("subject").asString() + " "
                    + event.path("type").asString() + " " + event.path("time").asString();
            idsByFact.computeIfAbsent(fact, key -> new HashSet<>()).add(receipt.webhookId());
        }
        assertThat(idsByFact.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
    }

    @Test
    void everyWebhookIdIsATransitionThatHappened() {
        Set<String> happened = expectedIdsByApplication.values().stream().flatMap(List::stream)
                .collect(Collectors.toSet());
        assertThat(receipts).extracting(WebhookReceiver.Receipt::webhookId).allMatch(happened::contains);
    }

    @Test
    void eachSubscriptionHeardOfAFailureBeforeItsRecovery() {
        for (String path : SUBSCRIPTION_PATHS) {
            List<String> firstSeen = receipts.stream().filter(receipt -> receipt.path().equals(path))
                    .map(WebhookReceiver.Receipt::webhookId).distinct().toList();
            expectedIdsByApplication.values().forEach(ids ->
                    assertThat(firstSeen.indexOf(ids.get(0))).isLessThan(firstSeen.indexOf(ids.get(1))));
        }
    }

    private static String subject(WebhookReceiver.Receipt receipt) {
        return EventJson.MAPPER.readTree(receipt.body()).path("subject").asString();
    }

    private static boolean everyTransitionReachedEverySubscription(List<WebhookReceiver.Receipt> received) {
        Set<String> got = received.stream().map(receipt -> receipt.path() + " " + receipt.webhookId())
                .collect(Collectors.toSet());
        return SUBSCRIPTION_PATHS.stream().allMatch(path -> expectedIdsByApplication.values().stream()
                .flatMap(List::stream).allMatch(id -> got.contains(path + " " + id)));
    }

    private static long distinctDeliveries() {
        return receipts.stream().map(receipt -> receipt.path() + " " + receipt.webhookId()).distinct().count();
    }

    private static void subscribe(KafkaProducer<String, byte[]> producer, WebhookReceiver receiver, String workspace)
            throws Exception {
        WebhookSecretCipher cipher = WebhookSecretCipher.fromBase64Key(SECRET_KEY);
        List<WebhookTransition> all = List.of(WebhookTransition.values());
        String workspaceId = UUID.randomUUID().toString();
        String platformId = UUID.randomUUID().toString();
        for (WebhookSubscription subscription : List.of(
                WebhookSubscription.forWorkspace(workspaceId, workspace, receiver.url("/workspace"), all, "kill test",
                        cipher.encrypt(WebhookSigningSecret.generate(), workspaceId), Instant.now(), "alice"),
                WebhookSubscription.forPlatform(platformId, receiver.url("/platform"), all, "kill test",
                        cipher.encrypt(WebhookSigningSecret.generate(), platformId), Instant.now(), "admin"))) {
            producer.send(new ProducerRecord<>(Topics.NOTIFICATIONS_SUBSCRIPTIONS.name(), subscription.subscriptionId(),
                    Topics.NOTIFICATIONS_SUBSCRIPTIONS.valueSerde().serializer().serialize("t", subscription))).get();
        }
    }

    /**
     * Versions 1..4 of one application: in progress, failed, retried, completed. The webhook ids follow the
     * notifier's rule for transition ids (application, incarnation, view version, transition), worked out
     * here from what was written.
     */
    private static void publishFailureAndRecovery(KafkaProducer<String, byte[]> producer, String workspace,
            String applicationId) throws Exception {
        String incarnation = UUID.randomUUID().toString();
        ProvisioningStatus[] statuses = {ProvisioningStatus.IN_PROGRESS, ProvisioningStatus.FAILED,
                ProvisioningStatus.IN_PROGRESS, ProvisioningStatus.COMPLETED};
        for (int version = 1; version <= statuses.length; version++) {
            ApplicationProvisioningView view = view(applicationId, workspace, incarnation, statuses[version - 1],
                    version);
            producer.send(new ProducerRecord<>(Topics.PROVISIONING_STATUS.name(), applicationId,
                    Topics.PROVISIONING_STATUS.valueSerde().serializer().serialize("t", view))).get();
        }
        expectedIdsByApplication.put(applicationId, List.of(
                EventIds.ofIncarnation("WebhookTransition", applicationId, incarnation, 2L, WebhookTransition.FAILED),
                EventIds.ofIncarnation("WebhookTransition", applicationId, incarnation, 4L,
                        WebhookTransition.RECOVERED)));
    }

    private static ApplicationProvisioningView view(String applicationId, String workspace, String incarnation,
            ProvisioningStatus status, long version) {
        Instant at = Instant.parse("2026-12-01T09:00:00Z").plusSeconds(version);
        EnvironmentStatus dev = switch (status) {
            case FAILED -> EnvironmentStatus.FAILED;
            case COMPLETED -> EnvironmentStatus.SUCCEEDED;
            default -> EnvironmentStatus.IN_PROGRESS;
        };
        boolean failed = dev == EnvironmentStatus.FAILED;
        return new ApplicationProvisioningView(ApplicationProvisioningView.eventId(applicationId, version),
                applicationId, applicationId, workspace, workspace, status, failed ? "dev: Connection refused" : null,
                EventIds.workflowId(applicationId, incarnation), (int) (version + 1) / 2, at, at, version,
                List.of(new EnvironmentCondition(Environment.DEV, dev, failed ? FailureReason.ConnectionRefused : null,
                        failed ? "Connection refused" : dev.moderateMessage(), null, failed, null, 1, at, List.of())),
                incarnation);
    }
}
