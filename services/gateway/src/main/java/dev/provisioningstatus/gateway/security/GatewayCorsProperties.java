package dev.provisioningstatus.gateway.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Browser origins allowed to call the API from another site (the pages embedding the widget).
 *
 * @param allowedOrigins exact origins such as {@code https://portal.example.com}; empty allows none
 */
@ConfigurationProperties("provisioning.gateway.cors")
public record GatewayCorsProperties(List<String> allowedOrigins) {

    public GatewayCorsProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        // A wildcard would let any site read members' provisioning data with their tokens.
        if (allowedOrigins.stream().anyMatch(origin -> origin.contains("*"))) {
            throw new IllegalArgumentException("provisioning.gateway.cors.allowed-origins must list exact origins, "
                    + "not wildcards: " + allowedOrigins);
        }
    }
}
