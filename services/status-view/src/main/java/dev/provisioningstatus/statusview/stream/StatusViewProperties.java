package dev.provisioningstatus.statusview.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the status view's stream ({@code provisioning.status-view.*}).
 *
 * @param commitInterval how often Streams commits; under exactly-once, how soon a change becomes visible
 * @param inputFetchWait how long the broker holds a fetch of the inputs for more records to arrive
 */
@ConfigurationProperties("provisioning.status-view")
public record StatusViewProperties(@DefaultValue("20ms") Duration commitInterval,
        @DefaultValue("5ms") Duration inputFetchWait) {
}
