package dev.provisioningstatus.worker.temporal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the worker waits for Temporal at start-up.
 *
 * @param timeout how long the worker keeps trying to reach Temporal before it gives up and exits; a
 *        Temporal service that is still starting, or slow on a loaded machine, gets this long
 */
@ConfigurationProperties("provisioning.temporal-startup")
public record TemporalStartupProperties(@DefaultValue("60s") Duration timeout) {
}
