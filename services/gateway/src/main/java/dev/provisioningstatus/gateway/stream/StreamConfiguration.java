package dev.provisioningstatus.gateway.stream;

import dev.provisioningstatus.gateway.problem.ProblemResponses;
import dev.provisioningstatus.gateway.query.ApplicationViewRedactor;
import dev.provisioningstatus.gateway.query.ProvisioningIssues;
import dev.provisioningstatus.gateway.security.GatewayCorsProperties;
import dev.provisioningstatus.gateway.security.SecurityConfiguration;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

    private static final String STALLED_WRITE_TIMEOUT = "provisioning.stalledWriteTimeout";

    @Bean
    IssueStream issueStream(ProvisioningViewIndex index, ProvisioningIssues issues, ApplicationViewRedactor redactor,
            JsonMapper json, StreamProperties properties, Clock clock, MeterRegistry meters) {
        return new IssueStream(index, new IssueStreamEvents(json, redactor, issues), properties, clock, meters);
    }

    @Bean
    NettyRouteProvider issueStreamRoutes(IssueStream stream, ReactiveJwtDecoder tokens,
            GatewayCorsProperties cors, ProblemResponses problems, Clock clock) {
        return new IssueStreamRoutes(stream, new StreamAccess(tokens), SecurityConfiguration.crossOrigin(cors),
                problems, clock);
    }

    /** First in the pipeline, so it watches the bytes as they go to the socket, whatever the response. */
    @Bean
    NettyServerCustomizer stalledWriteTimeout(StreamProperties properties) {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> channel.pipeline()
                .addFirst(STALLED_WRITE_TIMEOUT, new StalledWriteHandler(properties.stalledWriteTimeout())));
    }
}
