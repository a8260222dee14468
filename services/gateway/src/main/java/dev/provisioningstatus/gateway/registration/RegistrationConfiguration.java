package dev.provisioningstatus.gateway.registration;

import dev.provisioningstatus.gateway.command.ProvisioningCommandPublisher;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import java.time.Clock;
import dev.provisioningstatus.gateway.command.CommandProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RegistrationConfiguration {

    @Bean
    ApplicationRegistrar applicationRegistrar(ProvisioningViewIndex index, ProvisioningCommandPublisher publisher,
            AcceptedRegistrations accepted, Clock clock) {
        return new ApplicationRegistrar(new ApplicationRegistrationValidator(), index, publisher, accepted, clock);
    }

    @Bean
    AcceptedRegistrations acceptedRegistrations(ProvisioningViewIndex index, CommandProperties properties) {
        return new AcceptedRegistrations(index, properties.idempotencyKeys());
    }

    @Bean
    ApplicationDeletion applicationDeletion(ProvisioningViewIndex index, ProvisioningCommandPublisher publisher) {
        return new ApplicationDeletion(index, publisher);
    }
}
