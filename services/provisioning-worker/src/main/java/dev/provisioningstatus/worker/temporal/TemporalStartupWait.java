package dev.provisioningstatus.worker.temporal;

import io.grpc.StatusRuntimeException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Waits until Temporal answers before the starter starts the workers (on the same event, later in
 * order). The SDK's workers check the server once, within one RPC timeout, and the application exits
 * when that check fails: a Temporal service still starting, or slow on a loaded machine, would leave
 * no worker at all. Here the health check and the server-capabilities call are retried instead, for
 * up to {@link TemporalStartupProperties#timeout()}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TemporalStartupWait implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(TemporalStartupWait.class);

    private final WorkflowServiceStubs stubs;
    private final TemporalStartupProperties properties;

    public TemporalStartupWait(WorkflowServiceStubs stubs, TemporalStartupProperties properties) {
        this.stubs = stubs;
        this.properties = properties;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Instant giveUp = Instant.now().plus(properties.timeout());
        while (true) {
            Duration left = Duration.between(Instant.now(), giveUp);
            try {
                stubs.connect(Duration.ofMillis(Math.max(1, left.toMillis())));
                // The workers' first call fetches these within its own deadline; fetched now, they are not asked again.
                stubs.getServerCapabilities().get();
                return;
            } catch (StatusRuntimeException notAnswering) {
                if (!Instant.now().isBefore(giveUp)) {
                    throw new IllegalStateException("Temporal did not answer within " + properties.timeout()
                            + " (provisioning.temporal-startup.timeout)", notAnswering);
                }
                log.info("Temporal does not answer yet ({}); trying again", notAnswering.getStatus().getCode());
            }
        }
    }
}
