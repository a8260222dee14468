package dev.provisioningstatus.benchmarks.retry;

import dev.provisioningstatus.benchmarks.Benchmark;
import dev.provisioningstatus.benchmarks.Context;
import dev.provisioningstatus.benchmarks.Options;
import dev.provisioningstatus.benchmarks.lab.Events;
import dev.provisioningstatus.benchmarks.lab.Lab;
import dev.provisioningstatus.benchmarks.lab.Pause;
import dev.provisioningstatus.benchmarks.report.Latency;
import dev.provisioningstatus.benchmarks.report.Section;
import dev.provisioningstatus.benchmarks.sse.SseData;
import dev.provisioningstatus.benchmarks.sse.SseSubscribers;
import dev.provisioningstatus.devstack.Services;
import dev.provisioningstatus.devstack.process.Ports;
import dev.provisioningstatus.devstack.process.TemporalTestService;
import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.Environment;
import dev.provisioningstatus.events.ProvisioningEvent;
import dev.provisioningstatus.events.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Retry latency through the whole system as the devstack runs it ({@code Services}: worker,
 * status view and gateway in their own JVMs, the Temporal SDK's test service, a real broker): a
 * member's retry request, its 202, then the application {@code in_progress} on the member's SSE
 * stream. The applications' stage cluster is a port nobody listens on, so every attempt ends
 * {@code partial} and can be retried again. Baseline in the same run: a {@code ProvisioningStarted}
 * written straight to {@code provisioning.events} → {@code in_progress} on the same stream (status
 * view + gateway only, no command, no worker, no Temporal).
 */
public final class RetryLatencyBenchmark implements Benchmark {

    private static final String WORKSPACE = "retry-ws";

    @Override
    public String name() {
        return "retry";
    }

    @Override
    public Section run(Context context) throws Exception {
        Options options = context.options();
        int retries = options.integer("retries", 20);
        int applications = options.integer("retry-applications", 5);
        Section section = new Section(name(), "5. Retry latency: retry accepted → in_progress on the stream")
                .parameter("retries", retries).parameter("applications", applications);
        HttpClient http = HttpClient.newHttpClient();
        try (Lab lab = context.lab(name())) {
            TemporalTestService temporal = TemporalTestService.start();
            lab.remember(temporal::close);
            // Below the ephemeral range: no process started later on port 0 can answer there.
            String unreachable = "127.0.0.1:" + Ports.freeBelowEphemeralRange();
            Services services = lab.remember(Services.start(new Services.Settings(lab.bootstrapServers(),
                    temporal.target(),
                    Map.of("dev", lab.bootstrapServers(), "stage", unreachable, "prod", lab.bootstrapServers()),
                    context.tokens().secret(), Ports.free(), List.of(), List.of(), lab.directory().resolve("services"))));

            Map<String, String> status = new ConcurrentHashMap<>();
            Map<String, Long> inProgressAt = new ConcurrentHashMap<>();
            SseSubscribers.Listener listener = (subscriber, event, data, now) -> {
                if (!"status".equals(event)) {
                    return;
                }
                String id = SseData.text(data, "applicationId");
                String state = SseData.text(data, "status");
                int attempt = SseData.integer(data, "attempt");
                if (id == null || state == null) {
                    return;
                }
                status.put(id, state + "#" + attempt);
                if (state.equals("in_progress")) {
                    inProgressAt.putIfAbsent(id + "#" + attempt, now);
                }
            };
            try (SseSubscribers stream = new SseSubscribers(services.gatewayUrl(), 1, 1, listener)) {
                stream.open(0, "/api/workspaces/" + WORKSPACE + "/provisioning-issues/stream",
                        context.tokens().tokenFor("retry-member", List.of(WORKSPACE), List.of()), null);
                Pause.until(() -> stream.snapshots() >= 1, Duration.ofSeconds(30), "the stream's snapshot");

                String serviceToken = context.tokens().platformServiceToken();
                for (int a = 0; a < applications; a++) {
                    String body = "{\"applicationId\":\"retry-app-" + a + "\",\"name\":\"Retry " + a + "\","
                            + "\"workspaceId\":\"" + WORKSPACE + "\",\"workspaceName\":\"Retry\","
                            + "\"environments\":[\"dev\",\"stage\"]}";
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                    URI.create(services.gatewayUrl() + "/api/applications"))
                            .header("Authorization", "Bearer " + serviceToken)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 201) {
                        throw new IllegalStateException("registration answered " + response.statusCode() + ": "
                                + response.body());
                    }
                }
                for (int a = 0; a < applications; a++) {
                    String id = "retry-app-" + a;
                    Pause.until(() -> status.getOrDefault(id, "").equals("partial#1"), Duration.ofMinutes(2),
                            id + " partial after its first attempt");
                }

                Histogram fromRequest = Latency.histogram();
                Histogram from202 = Latency.histogram();
                Histogram requestTo202 = Latency.histogram();
                for (int i = 0; i < retries; i++) {
                    String id = "retry-app-" + (i % applications);
                    int attempt = 1 + i / applications;
                    Pause.until(() -> status.getOrDefault(id, "").equals("partial#" + attempt), Duration.ofMinutes(2),
                            id + " partial after attempt " + attempt);
                    String token = context.tokens().tokenFor("retry-member-" + i, List.of(WORKSPACE), List.of());
                    long sent = System.nanoTime();
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                    URI.create(services.gatewayUrl() + "/api/applications/" + id + "/provisioning/retry"))
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                    long accepted = System.nanoTime();
                    if (response.statusCode() != 202) {
                        throw new IllegalStateException("retry answered " + response.statusCode() + ": " + response.body());
                    }
                    String key = id + "#" + (attempt + 1);
                    Pause.until(() -> inProgressAt.containsKey(key), Duration.ofMinutes(1), key + " in_progress");
                    long seen = inProgressAt.get(key);
                    fromRequest.recordValue(seen - sent);
                    from202.recordValue(Math.max(0, seen - accepted));
                    requestTo202.recordValue(accepted - sent);
                }

                Histogram baseline = baseline(lab, retries, status, inProgressAt);
                List<List<String>> rows = new ArrayList<>();
                rows.add(Latency.row("retry request sent → 202", requestTo202));
                rows.add(Latency.row("retry accepted (202) → in_progress on the stream", from202));
                rows.add(Latency.row("retry request sent → in_progress on the stream", fromRequest));
                rows.add(Latency.row("baseline: ProvisioningStarted written → in_progress on the stream", baseline));
                section.table(new Section.Table(null, Latency.header("path"), rows));
                section.figure("request_to_202", Latency.figures(requestTo202));
                section.figure("accepted_to_in_progress", Latency.figures(from202));
                section.figure("request_to_in_progress", Latency.figures(fromRequest));
                section.figure("baseline_started_to_in_progress", Latency.figures(baseline));
                section.note("Path of a retry: gateway → provisioning.commands → worker (command consumer, Temporal "
                        + "workflow start on the SDK's test service, first activity publishes ProvisioningStarted) → "
                        + "provisioning.events → status view (exactly_once_v2, its default commit interval) → provisioning.status "
                        + "→ gateway → SSE. Services started by the devstack's Services (-Xmx384m -XX:+UseSerialGC "
                        + "-XX:TieredStopAtLevel=1 each).");
                section.note("Retries are sequential (one at a time), each by a different member so the per-caller "
                        + "rate limit never answers 429.");
            }
        }
        return section;
    }

    /** Applications written straight to the topics, failed in attempt 1; then attempt 2 starts. */
    private static Histogram baseline(Lab lab, int count, Map<String, String> status, Map<String, Long> inProgressAt) {
        Histogram histogram = Latency.histogram();
        try (KafkaProducer<String, ApplicationRegistered> registrations =
                     Events.producer(lab.bootstrapServers(), Topics.APPLICATIONS, 0);
             KafkaProducer<String, ProvisioningEvent> events =
                     Events.producer(lab.bootstrapServers(), Topics.PROVISIONING_EVENTS, 0)) {
            for (int i = 0; i < count; i++) {
                String id = "retry-baseline-" + i;
                registrations.send(Events.record(Events.registration(id, WORKSPACE, List.of(Environment.DEV))));
                registrations.flush();
                events.send(Events.record(Events.started(id, 1, List.of(Environment.DEV))));
                events.send(Events.record(Events.failed(id, 1, Environment.DEV)));
                events.flush();
                Pause.until(() -> status.getOrDefault(id, "").equals("failed#1"), Duration.ofMinutes(1),
                        () -> id + " failed; the stream says " + status);
                Pause.millis(200);
                long sent = System.nanoTime();
                events.send(Events.record(Events.started(id, 2, List.of(Environment.DEV))));
                String key = id + "#2";
                Pause.until(() -> inProgressAt.containsKey(key), Duration.ofMinutes(1), key + " in_progress");
                histogram.recordValue(inProgressAt.get(key) - sent);
            }
        }
        return histogram;
    }
}
