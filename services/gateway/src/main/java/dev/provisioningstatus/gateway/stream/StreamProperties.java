package dev.provisioningstatus.gateway.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Server-Sent Events settings.
 *
 * @param heartbeatInterval how often an idle stream sends a {@code : heartbeat} comment
 * @param reconnectDelay    the {@code retry:} a client waits before reconnecting
 * @param cursorWait        how long a resuming subscriber waits for this instance to read as far as
 *                          its cursor; then its stream ends unanswered, and it reconnects (to this or
 *                          another instance) with the same cursor
 * @param stalledWriteTimeout a connection with bytes to send that the socket has not taken for
 *                          this long is closed. Streams are what meet it: a client that stopped
 *                          reading (a frozen tab, a stalled proxy) would otherwise keep its stream,
 *                          its cursor and its unsent bytes for as long as its TCP
 *                          connection lives. It applies to every connection of the gateway.
 */
@ConfigurationProperties("provisioning.gateway.stream")
public record StreamProperties(
        @DefaultValue("15s") Duration heartbeatInterval,
        @DefaultValue("3s") Duration reconnectDelay,
        @DefaultValue("30s") Duration cursorWait,
        @DefaultValue("60s") Duration stalledWriteTimeout) {

    public StreamProperties {
        if (cursorWait.isZero() || cursorWait.isNegative()) {
            throw new IllegalArgumentException("provisioning.gateway.stream.cursor-wait must be positive");
        }
        if (stalledWriteTimeout.isZero() || stalledWriteTimeout.isNegative()) {
            throw new IllegalArgumentException("provisioning.gateway.stream.stalled-write-timeout must be positive");
        }
        if (heartbeatInterval.isZero() || heartbeatInterval.isNegative()) {
            throw new IllegalArgumentException("provisioning.gateway.stream.heartbeat-interval must be positive");
        }
    }
}
