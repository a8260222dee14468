package dev.provisioningstatus.gateway.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.gateway.GatewayApplication;
import dev.provisioningstatus.gateway.KafkaRecords;
import dev.provisioningstatus.gateway.TestTokens;
import dev.provisioningstatus.gateway.TestWebhooks;
import dev.provisioningstatus.gateway.TestViews;
import dev.provisioningstatus.testsupport.KafkaBrokers;
import dev.provisioningstatus.testsupport.RealKafka;
import dev.provisioningstatus.testsupport.TestTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.Disposable;

/**
 * Two gateway instances on one broker, as {@code docker compose up --scale gateway=2} runs them. Each
 * instance reads the whole {@code provisioning.status} topic itself, so both serve the same view and both
 * stream every change; an SSE cursor is a position in that topic, so either instance resumes it.
 */
@RealKafka
class TwoGatewayInstancesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE =
            new ParameterizedTypeReference<>() {
            };

    private static ConfigurableApplicationContext firstInstance;
    private static ConfigurableApplicationContext secondInstance;
    private static WebClient first;
    private static WebClient second;

    private final List<Disposable> openStreams = new ArrayList<>();

    @BeforeAll
    static void startTwoInstancesOnOneBroker() {
        String bootstrapServers = KafkaBrokers.shared().bootstrapServers();
        TestTopics.create(bootstrapServers, Topics.ALL);
        firstInstance = startGateway(bootstrapServers);
        secondInstance = startGateway(bootstrapServers);
        first = clientOf(firstInstance);
        second = clientOf(secondInstance);
        await().atMost(PATIENCE).ignoreExceptions().until(() -> isReady(first) && isReady(second));
    }

    @AfterAll
    static void stopInstances() {
        for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] {firstInstance,
                secondInstance}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @AfterEach
    void closeStreams() {
        openStreams.forEach(Disposable::dispose);
    }

    @Test
    void bothInstancesServeTheSameView() {
        String workspace = uniqueId("scaleout-ws");
        String member = TestTokens.member("scaleout-member", workspace);
        String failed = uniqueId("scaleout-failed");
        String partial = uniqueId("scaleout-partial");

        KafkaRecords.publish(TestViews.failed(failed, workspace, 1));
        KafkaRecords.publish(TestViews.partial(partial, workspace, 2));

        await().atMost(PATIENCE).until(() -> issuesOf(first, workspace, member).contains(partial)
                && issuesOf(first, workspace, member).contains(failed)
                && issuesOf(second, workspace, member).contains(partial)
                && issuesOf(second, workspace, member).contains(failed));
        assertThat(issuesOf(second, workspace, member)).isEqualTo(issuesOf(first, workspace, member))
                .contains("\"count\":2");
    }

    @Test
    void bothInstancesStreamTheSameChangeToTheirSubscribers() throws InterruptedException {
        String workspace = uniqueId("scaleout-ws");
        String member = TestTokens.member("scaleout-member", workspace);
        String application = uniqueId("scaleout-app");
        KafkaRecords.publish(TestViews.failed(application, workspace, 1));
        await().atMost(PATIENCE).until(() -> issuesOf(first, workspace, member).contains(application)
                && issuesOf(second, workspace, member).contains(application));

        BlockingQueue<ServerSentEvent<String>> fromFirst = subscribe(first, workspace, member, null);
        BlockingQueue<ServerSentEvent<String>> fromSecond = subscribe(second, workspace, member, null);
        assertThat(next(fromFirst).event()).isEqualTo("snapshot");
        assertThat(next(fromSecond).event()).isEqualTo("snapshot");

        KafkaRecords.publish(TestViews.partial(application, workspace, 2));

        ServerSentEvent<String> changeOnFirst = next(fromFirst);
        ServerSentEvent<String> changeOnSecond = next(fromSecond);
        assertThat(changeOnFirst.event()).isEqualTo("status");
        assertThat(changeOnFirst.data()).contains("\"applicationId\":\"" + application + "\"", "\"status\":\"partial\"");
        assertThat(changeOnSecond.event()).isEqualTo("status");
        assertThat(changeOnSecond.data()).isEqualTo(changeOnFirst.data());
    }

    @Test
    void aCursorOfOneInstanceResumesOnTheOther() throws InterruptedException {
        String workspace = uniqueId("scaleout-ws");
        String member = TestTokens.member("scaleout-member", workspace);
        String application = uniqueId("scaleout-app");
        String cursorOfFirst = next(subscribe(first, workspace, member, null)).id();
        KafkaRecords.publish(TestViews.failed(application, workspace, 1));
        await().atMost(PATIENCE).until(() -> issuesOf(second, workspace, member).contains(application));

        BlockingQueue<ServerSentEvent<String>> resumedOnSecond = subscribe(second, workspace, member, cursorOfFirst);

        ServerSentEvent<String> missed = next(resumedOnSecond);
        assertThat(missed.event()).isEqualTo("status");
        assertThat(missed.data()).contains("\"applicationId\":\"" + application + "\"");
        ServerSentEvent<String> summary = next(resumedOnSecond);
        assertThat(summary.event()).isEqualTo("summary");
        assertThat(summary.data()).isEqualTo("{\"count\":1}");
    }

    @Test
    void theSameIdempotencyKeyOnEitherInstanceNamesTheSameCommand() {
        String workspace = uniqueId("scaleout-ws");
        String member = TestTokens.member("scaleout-member", workspace);
        String application = uniqueId("scaleout-app");
        KafkaRecords.publish(TestViews.partial(application, workspace, 1));
        await().atMost(PATIENCE).until(() -> issuesOf(first, workspace, member).contains(application)
                && issuesOf(second, workspace, member).contains(application));

        String onFirst = retryWithKey(first, application, member, "key-" + application);
        String onSecond = retryWithKey(second, application, member, "key-" + application);

        assertThat(onSecond).isEqualTo(onFirst).contains("\"commandId\"");
    }

    private static String retryWithKey(WebClient instance, String application, String token, String key) {
        return instance.post().uri("/api/applications/{id}/provisioning/retry", application)
                .headers(headers -> {
                    headers.setBearerAuth(token);
                    headers.set("Idempotency-Key", key);
                })
                .retrieve().bodyToMono(String.class).block(PATIENCE);
    }

    private static ConfigurableApplicationContext startGateway(String bootstrapServers) {
        return GatewayApplication.application().run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--provisioning.gateway.security.hmac-secret=" + TestTokens.SECRET,
                "--provisioning.webhooks.secret-key=" + TestWebhooks.SECRET_KEY);
    }

    private static WebClient clientOf(ConfigurableApplicationContext instance) {
        return WebClient.create("http://127.0.0.1:" + instance.getEnvironment().getProperty("local.server.port"));
    }

    private static boolean isReady(WebClient instance) {
        try {
            instance.get().uri("/actuator/health/readiness").retrieve().toBodilessEntity().block(PATIENCE);
            return true;
        } catch (WebClientResponseException notReadyYet) {
            return false;
        }
    }

    private static String issuesOf(WebClient instance, String workspace, String token) {
        return instance.get().uri("/api/workspaces/{workspace}/provisioning-issues", workspace)
                .headers(headers -> headers.setBearerAuth(token))
                .retrieve().bodyToMono(String.class).block(PATIENCE);
    }

    /** The stream's named events (comments and the opening {@code retry:} left out), as they arrive. */
    private BlockingQueue<ServerSentEvent<String>> subscribe(WebClient instance, String workspace, String token,
            String lastEventId) {
        BlockingQueue<ServerSentEvent<String>> received = new LinkedBlockingQueue<>();
        openStreams.add(instance.get().uri("/api/workspaces/{workspace}/provisioning-issues/stream", workspace)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(headers -> {
                    headers.setBearerAuth(token);
                    if (lastEventId != null) {
                        headers.set("Last-Event-ID", lastEventId);
                    }
                })
                .retrieve().bodyToFlux(SSE)
                .filter(event -> event.event() != null)
                .subscribe(received::add));
        return received;
    }

    private static ServerSentEvent<String> next(BlockingQueue<ServerSentEvent<String>> events)
            throws InterruptedException {
        ServerSentEvent<String> event = events.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(event).as("next server-sent event").isNotNull();
        return event;
    }

    private static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
