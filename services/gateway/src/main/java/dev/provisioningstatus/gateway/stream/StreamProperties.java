package dev.provisioningstatus.gateway.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Server-Sent Events settings.
 *
 * @param heartbeatInterval how often an idle stream sends a {@code : heartbeat} comment
 * @param reconnectDelay    the {@code retry:} a client waits before reconnecting
 * @param subscriberBuffer  changes held for one slow subscriber; beyond it the subscriber gets
 *                          {@code resync} and reconnects for a fresh snapshot
 */
@ConfigurationProperties("provisioning.gateway.stream")
public record StreamProperties(
        @DefaultValue("15s") Duration heartbeatInterval,
        @DefaultValue("3s") Duration reconnectDelay,
        @DefaultValue("256") int subscriberBuffer) {

    public StreamProperties {
        if (subscriberBuffer < 1) {
            throw new IllegalArgumentException("provisioning.gateway.stream.subscriber-buffer must be at least 1");
        }
        if (heartbeatInterval.isZero() || heartbeatInterval.isNegative()) {
            throw new IllegalArgumentException("provisioning.gateway.stream.heartbeat-interval must be positive");
        }
    }
}
