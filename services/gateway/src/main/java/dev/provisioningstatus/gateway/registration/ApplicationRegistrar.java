package dev.provisioningstatus.gateway.registration;

import dev.provisioningstatus.events.ApplicationRegistered;
import dev.provisioningstatus.events.ProvisionRequested;
import dev.provisioningstatus.events.Trigger;
import dev.provisioningstatus.gateway.command.CommandAccepted;
import dev.provisioningstatus.gateway.command.CommandIds;
import dev.provisioningstatus.gateway.command.ProvisioningCommandPublisher;
import dev.provisioningstatus.gateway.problem.ApiProblems;
import dev.provisioningstatus.gateway.security.Caller;
import dev.provisioningstatus.gateway.view.ProvisioningViewIndex;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Registers an application: the application record and its first provisioning command, in one transaction. */
public final class ApplicationRegistrar {

    private final ApplicationRegistrationValidator validator;
    private final ProvisioningViewIndex index;
    private final ProvisioningCommandPublisher publisher;
    private final AcceptedRegistrations accepted;
    private final Clock clock;

    public ApplicationRegistrar(ApplicationRegistrationValidator validator, ProvisioningViewIndex index,
            ProvisioningCommandPublisher publisher, AcceptedRegistrations accepted, Clock clock) {
        this.validator = validator;
        this.index = index;
        this.publisher = publisher;
        this.accepted = accepted;
        this.clock = clock;
    }

    public Mono<CommandAccepted> register(RegisterApplicationRequest request, Caller caller, CommandIds commandIds) {
        ValidRegistration registration = validator.validate(request);
        if (index.find(registration.applicationId()).isPresent()
                || accepted.awaitingView(registration.applicationId()).isPresent()) {
            throw ApiProblems.conflict("Application '" + registration.applicationId() + "' already exists",
                    Map.of("applicationId", registration.applicationId()));
        }
        Instant now = clock.instant();
        ApplicationRegistered application = ApplicationRegistered.of(registration.applicationId(), registration.name(),
                registration.workspaceId(), registration.workspaceName(), registration.environments(), now);
        ProvisionRequested command = new ProvisionRequested(commandIds.forApplication(registration.applicationId()),
                registration.applicationId(), registration.name(), registration.workspaceId(),
                registration.environments(), Trigger.CREATED, caller.subject(), now, null, application.incarnation());
        accepted.accepted(registration.applicationId(), registration.workspaceId());
        return publisher.register(application, command)
                .doOnError(failure -> accepted.failed(registration.applicationId()))
                .thenReturn(new CommandAccepted(registration.applicationId(), command.commandId()));
    }
}
