package dev.provisioningstatus.notifier.transition;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the transition stream ({@code provisioning.notifier.transitions.*}).
 *
 * @param topic the internal topic of derived transitions, read by the delivery loop and by redeliveries
 * @param retention how long transitions are kept, hence how long a delivery can be redelivered
 * @param commitInterval how often Streams commits; under exactly-once, how soon a transition is delivered
 */
@ConfigurationProperties("provisioning.notifier.transitions")
public record TransitionProperties(
        @DefaultValue("notifier.transitions") String topic,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("100ms") Duration commitInterval) {
}
