package dev.provisioningstatus.gateway.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Time each query takes to answer, per route: the timer {@code provisioning.gateway.query} with a
 * {@code route} tag ({@code provisioning_gateway_query_seconds_*} in Prometheus). Failed queries
 * (400, 404) count too: they cost the same lookup. Registered up front, so every route shows in
 * the metrics before its first request.
 */
public final class QueryLatency {

    public static final String METRIC = "provisioning.gateway.query";

    /** The query routes, as their {@code route} tag reads. */
    public enum Route {
        WORKSPACE_ISSUES("workspace-issues"),
        PLATFORM_ISSUES("platform-issues"),
        APPLICATION("application");

        private final String tag;

        Route(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final Map<Route, Timer> timers = new EnumMap<>(Route.class);

    public QueryLatency(MeterRegistry meters) {
        for (Route route : Route.values()) {
            timers.put(route, Timer.builder(METRIC)
                    .description("Time to answer a provisioning query")
                    .tag("route", route.tag())
                    .register(meters));
        }
    }

    public <T> T time(Route route, Supplier<T> query) {
        return timers.get(route).record(query);
    }
}
