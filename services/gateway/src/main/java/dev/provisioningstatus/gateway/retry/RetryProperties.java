package dev.provisioningstatus.gateway.retry;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on retry requests.
 *
 * @param requestsPerCaller retry requests (single or bulk) one caller may make per {@code period}
 * @param period            the window over which {@code requestsPerCaller} refills
 * @param rememberedRetries applications whose last retry command is remembered to absorb repeats
 */
@ConfigurationProperties("provisioning.gateway.retry")
public record RetryProperties(
        @DefaultValue("30") int requestsPerCaller,
        @DefaultValue("1m") Duration period,
        @DefaultValue("10000") int rememberedRetries) {
}
