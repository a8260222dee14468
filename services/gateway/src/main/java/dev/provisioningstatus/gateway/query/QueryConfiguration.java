package dev.provisioningstatus.gateway.query;

import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class QueryConfiguration {

    @Bean
    ApplicationViewRedactor applicationViewRedactor() {
        return new ApplicationViewRedactor();
    }

    @Bean
    ProvisioningIssues provisioningIssues(ProvisioningViewIndex index, ApplicationViewRedactor redactor) {
        return new ProvisioningIssues(index, redactor);
    }

    @Bean
    QueryLatency queryLatency(MeterRegistry meters) {
        return new QueryLatency(meters);
    }

    @Bean
    VisibleApplications visibleApplications(ProvisioningViewIndex index) {
        return new VisibleApplications(index);
    }
}
