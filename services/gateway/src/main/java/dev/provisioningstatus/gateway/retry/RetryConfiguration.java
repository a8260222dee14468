package dev.provisioningstatus.gateway.retry;

import dev.provisioningstatus.gateway.command.ProvisioningCommandPublisher;
import dev.provisioningstatus.gateway.query.VisibleApplications;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import java.time.Clock;
import dev.provisioningstatus.gateway.registration.AcceptedRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RetryConfiguration {

    @Bean
    ProvisioningRetries provisioningRetries(VisibleApplications applications, ProvisioningViewIndex index,
            ProvisioningCommandPublisher publisher, AcceptedRegistrations registrations, RetryProperties properties,
            Clock clock) {
        return new ProvisioningRetries(applications, index, publisher, registrations, properties, clock);
    }
}
