package dev.provisioningstatus.gateway.stream;

import dev.provisioningstatus.gateway.query.ApplicationViewRedactor;
import dev.provisioningstatus.gateway.query.ProvisioningIssues;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Schedulers;

@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

    @Bean
    IssueStream issueStream(ProvisioningViewIndex index, ProvisioningIssues issues, ApplicationViewRedactor redactor,
            StreamProperties properties, MeterRegistry meters) {
        // Sequences restart with the process: a fresh epoch makes older cursors recognisably foreign.
        long epoch = new SecureRandom().nextLong() & Long.MAX_VALUE;
        return new IssueStream(index, issues, new IssueStreamEvents(epoch, redactor), properties,
                Schedulers.parallel(), meters);
    }
}
