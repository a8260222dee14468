package dev.provisioningstatus.gateway.stream;

import dev.provisioningstatus.gateway.query.ApplicationViewRedactor;
import dev.provisioningstatus.gateway.query.ProvisioningIssues;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Schedulers;

@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

    private static final String STALLED_WRITE_TIMEOUT = "provisioning.stalledWriteTimeout";

    @Bean
    IssueStream issueStream(ProvisioningViewIndex index, ProvisioningIssues issues, ApplicationViewRedactor redactor,
            StreamProperties properties, MeterRegistry meters) {
        // Sequences restart with the process: a fresh epoch makes older cursors recognisably foreign.
        long epoch = new SecureRandom().nextLong() & Long.MAX_VALUE;
        return new IssueStream(index, issues, new IssueStreamEvents(epoch, redactor), properties,
                Schedulers.parallel(), meters);
    }

    /** First in the pipeline, so it watches the bytes as they go to the socket, whatever the response. */
    @Bean
    NettyServerCustomizer stalledWriteTimeout(StreamProperties properties) {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> channel.pipeline()
                .addFirst(STALLED_WRITE_TIMEOUT, new StalledWriteHandler(properties.stalledWriteTimeout())));
    }
}
