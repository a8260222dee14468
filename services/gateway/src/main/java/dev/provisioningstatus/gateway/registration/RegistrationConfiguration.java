package dev.provisioningstatus.gateway.registration;

import dev.provisioningstatus.gateway.command.ProvisioningCommandPublisher;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RegistrationConfiguration {

    @Bean
    ApplicationRegistrar applicationRegistrar(ProvisioningViewIndex index, ProvisioningCommandPublisher publisher,
            Clock clock) {
        return new ApplicationRegistrar(new ApplicationRegistrationValidator(), index, publisher, clock);
    }

    @Bean
    ApplicationDeletion applicationDeletion(ProvisioningViewIndex index, ProvisioningCommandPublisher publisher) {
        return new ApplicationDeletion(index, publisher);
    }
}
