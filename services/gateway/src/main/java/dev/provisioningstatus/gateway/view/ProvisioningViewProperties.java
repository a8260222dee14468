package dev.provisioningstatus.gateway.view;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway keeps its in-memory copy of {@code provisioning.status}.
 *
 * @param pollTimeout   longest wait of one consumer poll
 * @param retryBackoff  wait before retrying when the topic or the broker is not there yet
 */
@ConfigurationProperties("provisioning.gateway.view")
public record ProvisioningViewProperties(
        @DefaultValue("500ms") Duration pollTimeout,
        @DefaultValue("2s") Duration retryBackoff) {
}
