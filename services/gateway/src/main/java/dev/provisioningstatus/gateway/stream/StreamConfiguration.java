package dev.provisioningstatus.gateway.stream;

import dev.provisioningstatus.gateway.query.ApplicationViewRedactor;
import dev.provisioningstatus.gateway.query.ProvisioningIssues;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import java.time.Clock;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

    private static final String STALLED_WRITE_TIMEOUT = "provisioning.stalledWriteTimeout";

    @Bean
    IssueStream issueStream(ProvisioningViewIndex index, ProvisioningIssues issues, ApplicationViewRedactor redactor,
            JsonMapper json, StreamProperties properties, Clock clock, MeterRegistry meters) {
        return new IssueStream(index, new IssueStreamEvents(json, redactor, issues), properties, clock, meters);
    }

    /**
     * A stream's request is not observed as an HTTP request: its duration is the connection's life, and
     * the observation would hold its context, key values and operators for all of it, on every one of
     * thousands of connections. {@code provisioning.gateway.sse.subscribers} counts the streams.
     */
    @Bean
    ObservationPredicate streamRequestsAreNotObserved() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && IssueStreamController.isStreamPath(request.getCarrier().getPath().value()));
    }

    /** First in the pipeline, so it watches the bytes as they go to the socket, whatever the response. */
    @Bean
    NettyServerCustomizer stalledWriteTimeout(StreamProperties properties) {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> channel.pipeline()
                .addFirst(STALLED_WRITE_TIMEOUT, new StalledWriteHandler(properties.stalledWriteTimeout())));
    }
}
