package dev.provisioningstatus.gateway.query;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.provisioningstatus.events.ApplicationProvisioningView;

/** What an admin sees of an application: the contract's view as it is, written exactly as on the topic. */
public record AdminApplicationView(@JsonValue ApplicationProvisioningView view) implements ApplicationView {
}
