package dev.provisioningstatus.reliability.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.provisioningstatus.events.EventIds;
import dev.provisioningstatus.events.EventJson;
import dev.provisioningstatus.events.Topics;
import dev.provisioningstatus.reliability.system.DeadLetters;
import dev.provisioningstatus.reliability.system.GatewayClient;
import dev.provisioningstatus.reliability.system.Leaks;
import dev.provisioningstatus.reliability.system.RawRecords;
import dev.provisioningstatus.reliability.system.RunningSystem;
import dev.provisioningstatus.reliability.system.SeededApplications;
import dev.provisioningstatus.reliability.system.SuiteReport;
import dev.provisioningstatus.statusview.stream.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The bad-input corpus ({@code src/test/resources/corpus/}) against the real system: every HTTP
 * case must get its documented problem answer, every bad event its documented outcome, and
 * processing must go on after each (a good event behind every bad one is still reflected).
 */
@ExtendWith(RunningSystem.Extension.class)
class BadInputCorpusTest {

    private static final String WORKSPACE = "corpus-ws";
    private static final String OTHER_WORKSPACE = "corpus-other";
    private static final String EVENTS_WORKSPACE = "corpus-events";
    private static final String CASE_HEADER = "reliability-corpus-case";
    private static final String SUFFIX = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);

    private static final Map<String, String> fixtures = new HashMap<>();
    private static final AtomicInteger answered = new AtomicInteger();
    private static final AtomicInteger caseNumber = new AtomicInteger();
    private static DeadLetters deadLetters;

    static List<CorpusCase> cases() {
        return CorpusCase.all();
    }

    @BeforeAll
    static void seedApplications(RunningSystem system) {
        SeededApplications seeded = new SeededApplications(system);
        fixtures.put("workspace", WORKSPACE);
        fixtures.put("completedApp", "corpus-completed-" + SUFFIX);
        fixtures.put("inProgressApp", "corpus-running-" + SUFFIX);
        fixtures.put("partialApp", "corpus-partial-" + SUFFIX);
        fixtures.put("failedApp", "corpus-failed-" + SUFFIX);
        seeded.completed(fixtures.get("completedApp"), WORKSPACE);
        seeded.inProgress(fixtures.get("inProgressApp"), WORKSPACE);
        seeded.partial(fixtures.get("partialApp"), WORKSPACE);
        seeded.failed(fixtures.get("failedApp"), WORKSPACE);
        deadLetters = new DeadLetters(system.bootstrapServers());
    }

    @AfterAll
    static void report() {
        List<CorpusCase> all = CorpusCase.all();
        long http = all.stream().filter(c -> c.kind() == CorpusCase.Kind.HTTP).count();
        SuiteReport.print("Bad-input corpus", "%d cases (%d HTTP, %d events), %d answered as documented",
                all.size(), http, all.size() - http, answered.get());
        if (deadLetters != null) {
            deadLetters.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyBadInputGetsItsDocumentedAnswerAndLosesNothing(CorpusCase corpusCase, RunningSystem system) {
        String fresh = "corpus-" + caseNumber.incrementAndGet() + "-" + SUFFIX;
        try {
            if (corpusCase.kind() == CorpusCase.Kind.HTTP) {
                answerHttp(corpusCase.spec(), system, fresh);
            } else {
                answerEvent(corpusCase.name(), corpusCase.spec(), system, fresh);
            }
        } catch (AssertionError failure) {
            if (corpusCase.spec().has("bug")) {
                throw new AssertionError("KNOWN BUG (" + corpusCase.spec().get("bug").asString() + "): "
                        + failure.getMessage(), failure);
            }
            throw failure;
        }
        answered.incrementAndGet();
    }

    private static void answerHttp(JsonNode spec, RunningSystem system, String fresh) {
        Map<String, String> values = new HashMap<>(fixtures);
        values.put("fresh", fresh);
        Placeholders placeholders = new Placeholders(values);
        String token = token(spec.required("caller").asString(), system, fresh);
        for (JsonNode setup : spec.path("setup")) {
            GatewayClient.Answer answer = send(setup, placeholders, token, system);
            assertThat(answer.status()).as("setup %s %s: %s", setup.path("method").asString(),
                    setup.path("path").asString(), answer).isEqualTo(setup.required("expect").asInt());
        }
        int repeat = spec.path("repeat").asInt(1);
        for (int i = 1; i < repeat; i++) {
            send(spec, placeholders, token, system);
        }
        GatewayClient.Answer answer = send(spec, placeholders, token, system);
        int expected = spec.required("expect").asInt();
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(expected);
        assertThat(answer.contentType()).as("content type of %s", answer).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("status").asInt()).as("problem status in %s", answer).isEqualTo(expected);
        assertThat(problem.path("title").asString("")).as("problem title in %s", answer).isNotBlank();
        assertThat(problem.has("type")).as("problem type in %s", answer).isTrue();
        assertThat(Leaks.in(answer.body())).as("internals in %s", answer).isEmpty();
        spec.path("expectMember").properties().forEach(member ->
                assertThat(problem.path(member.getKey())).as("member %s of %s", member.getKey(), answer)
                        .isEqualTo(member.getValue()));
    }

    private static GatewayClient.Answer send(JsonNode request, Placeholders placeholders, String token,
            RunningSystem system) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.path("headers").properties().forEach(header ->
                headers.put(header.getKey(), placeholders.fill(header.getValue().asString())));
        byte[] body = null;
        if (request.has("body")) {
            body = EventJson.MAPPER.writeValueAsBytes(placeholders.fill(request.get("body")));
        } else if (request.has("bodyText")) {
            body = placeholders.fill(request.get("bodyText").asString()).getBytes(StandardCharsets.UTF_8);
        } else if (request.has("bodyBase64")) {
            body = Base64.getDecoder().decode(request.get("bodyBase64").asString());
        } else if (request.has("bodyOfSize")) {
            body = jsonOfSize(request.get("bodyOfSize").asInt(), placeholders);
        }
        return system.gateway().send(request.required("method").asString(),
                placeholders.fill(request.required("path").asString()), token, headers,
                request.has("contentType") ? request.get("contentType").asString() : null, body);
    }

    /** A well-formed registration padded to {@code size} bytes, so only its size is wrong. */
    private static byte[] jsonOfSize(int size, Placeholders placeholders) {
        String head = placeholders.fill("{\"applicationId\":\"${fresh}\",\"workspaceId\":\"${workspace}\","
                + "\"workspaceName\":\"Corpus\",\"environments\":[\"dev\"],\"name\":\"");
        String tail = "\"}";
        return (head + "n".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }

    private static String token(String caller, RunningSystem system, String fresh) {
        return switch (caller) {
            case "platform" -> system.tokens().platformService("corpus-platform");
            case "admin" -> system.tokens().admin("corpus-admin");
            case "member" -> system.tokens().member("corpus-member", WORKSPACE);
            case "outsider" -> system.tokens().member("corpus-outsider", OTHER_WORKSPACE);
            case "throttled" -> system.tokens().member("corpus-throttled-" + fresh, WORKSPACE);
            default -> throw new IllegalArgumentException("unknown caller " + caller);
        };
    }

    private static void answerEvent(String name, JsonNode spec, RunningSystem system, String applicationId) {
        Placeholders placeholders = new Placeholders(Map.of(
                "app", applicationId,
                "workflow", EventIds.workflowId(applicationId),
                "uuid1", UUID.randomUUID().toString(),
                "uuid2", UUID.randomUUID().toString(),
                "uuid3", UUID.randomUUID().toString(),
                "command", UUID.randomUUID().toString(),
                "now", Instant.now().toString()));
        SeededApplications seeded = new SeededApplications(system);
        seeded.register(applicationId, EVENTS_WORKSPACE);
        JsonNode setup = spec.has("setup") ? spec.get("setup") : EventJson.MAPPER.readTree("""
                [{"type": "ProvisioningStarted", "eventId": "${uuid2}", "applicationId": "${app}",
                  "workflowId": "${workflow}", "attempt": 1, "environments": ["dev", "stage", "prod"],
                  "trigger": "created", "commandId": "${command}", "occurredAt": "${now}"}]""");
        for (JsonNode event : setup) {
            system.records().send(Topics.PROVISIONING_EVENTS.name(), RawRecords.key(applicationId),
                    EventJson.MAPPER.writeValueAsBytes(placeholders.fill(event)), new RecordHeaders());
        }
        int setupVersion = spec.path("setupVersion").asInt(2);
        seeded.awaitView(applicationId, view -> view.path("version").asLong() == setupVersion,
                "version " + setupVersion + " (setup folded)");

        JsonNode record = spec.required("record");
        byte[] value = badValue(record, placeholders);
        String key = record.path("noKey").asBoolean() ? null
                : placeholders.fill(record.path("key").asString("${app}"));
        RecordHeaders headers = new RecordHeaders();
        headers.add(CASE_HEADER, name.getBytes(StandardCharsets.UTF_8));
        system.records().send(Topics.PROVISIONING_EVENTS.name(), RawRecords.key(key), value, headers);

        int attempt = spec.path("attempt").asInt(1);
        system.records().send(Topics.PROVISIONING_EVENTS.name(), RawRecords.key(applicationId),
                EventJson.MAPPER.writeValueAsBytes(placeholders.fill(EventJson.MAPPER.readTree("""
                        {"type": "EnvironmentProvisioningResult", "eventId": "%s", "applicationId": "${app}",
                         "workflowId": "${workflow}", "attempt": %d, "environment": "dev", "status": "succeeded",
                         "retryable": false, "virtualClusterId": "vc-${app}-dev", "occurredAt": "${now}"}"""
                        .formatted(UUID.randomUUID(), attempt)))), new RecordHeaders());
        JsonNode view = seeded.awaitView(applicationId, current -> environment(current, "dev")
                        .path("status").asString("").equals("succeeded")
                        && environment(current, "dev").path("attempt").asInt() == attempt,
                "the good event after the bad one (dev succeeded in attempt " + attempt + ")");

        JsonNode expect = spec.required("expect");
        String outcome = expect.required("outcome").asString();
        long expectedVersion = setupVersion + (outcome.equals("folded") ? 2 : 1);
        assertThat(view.path("version").asLong()).as("views published: the bad record may publish %s",
                outcome.equals("folded") ? "one view" : "nothing").isEqualTo(expectedVersion);
        if (outcome.equals("dead-letter")) {
            ConsumerRecord<byte[], byte[]> deadLetter = awaitDeadLetter(name);
            assertThat(DeadLetters.header(deadLetter, DeadLetterHeaders.MESSAGE)).as("dead-letter reason")
                    .contains(expect.required("reason").asString());
            assertThat(DeadLetters.header(deadLetter, DeadLetterHeaders.EXCEPTION)).as("dead-letter exception")
                    .isNotBlank();
            assertThat(deadLetter.value()).as("the original bytes").isEqualTo(value);
            assertThat(deadLetter.key()).as("the original key").isEqualTo(RawRecords.key(key));
        } else {
            assertThat(deadLetters.find(CASE_HEADER, name)).as("a readable record is never dead-lettered").isEmpty();
        }
        if (outcome.equals("folded")) {
            JsonNode condition = environment(view, expect.required("environment").asString());
            for (String field : List.of("message", "errorDetail")) {
                if (expect.has(field)) {
                    assertThat(condition.path(field).asString()).as("admin's %s", field)
                            .isEqualTo(expect.get(field).asString());
                }
            }
            GatewayClient.Answer member = system.gateway().get("/api/applications/" + applicationId + "/provisioning",
                    system.tokens().member("corpus-events-member", EVENTS_WORKSPACE));
            assertThat(member.status()).isEqualTo(200);
            assertThat(environment(member.json(), expect.required("environment").asString()).path("message")
                    .asString()).as("member's message").isEqualTo(expect.required("memberMessage").asString());
            assertThat(member.body()).as("member's view").doesNotContain("\r", "\\r", "\\n");
        }
    }

    private static byte[] badValue(JsonNode record, Placeholders placeholders) {
        if (record.path("tombstone").asBoolean()) {
            return null;
        }
        if (record.has("text")) {
            return placeholders.fill(record.get("text").asString()).getBytes(StandardCharsets.UTF_8);
        }
        return EventJson.MAPPER.writeValueAsBytes(placeholders.fill(record.required("event")));
    }

    private static ConsumerRecord<byte[], byte[]> awaitDeadLetter(String caseName) {
        AtomicReference<ConsumerRecord<byte[], byte[]>> found = new AtomicReference<>();
        await("dead letter of '" + caseName + "'").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    deadLetters.find(CASE_HEADER, caseName).ifPresent(found::set);
                    return found.get() != null;
                });
        return found.get();
    }

    private static JsonNode environment(JsonNode view, String name) {
        for (JsonNode environment : view.path("environments")) {
            if (environment.path("environment").asString("").equals(name)) {
                return environment;
            }
        }
        return EventJson.MAPPER.missingNode();
    }
}
