package dev.provisioningstatus.worker.workflow;

import static dev.provisioningstatus.events.Environment.DEV;
import static dev.provisioningstatus.events.Environment.STAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provisioningstatus.events.EnvironmentProvisioningResult;
import dev.provisioningstatus.events.FailureReason;
import dev.provisioningstatus.events.ProvisioningFinished;
import dev.provisioningstatus.events.ProvisioningStarted;
import dev.provisioningstatus.events.ProvisioningStatus;
import dev.provisioningstatus.events.Trigger;
import dev.provisioningstatus.worker.provisioner.VirtualCluster;
import dev.provisioningstatus.worker.provisioner.VirtualClusterRequest;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Temporal carries workflow and activity arguments as JSON with its own (Jackson 2) mapper, while
 * the contract records are written for Jackson 3: every type that crosses Temporal must come back equal.
 */
class TemporalPayloadTest {

    private static final String INCARNATION = "5d0c1e9a-2b3f-4a6d-8c7e-9f0a1b2c3d4e";

    private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();
    private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123Z");

    @Test
    void everyTypeCrossingTemporalComesBackEqual() {
        List<Object> values = List.of(
                ProvisioningStarted.of("shop", INCARNATION, "provisioning-shop", 2, List.of(DEV, STAGE), Trigger.BULK_RETRY,
                        "0b5e6f3a-7d1c-4f62-9a57-2c3f1b8e9d40", AT),
                EnvironmentProvisioningResult.succeeded("shop", INCARNATION, "provisioning-shop", 2, DEV, "dev/acme.shop", AT),
                EnvironmentProvisioningResult.failed("shop", INCARNATION, "provisioning-shop", 2, STAGE,
                        FailureReason.ConnectionTimeout, "timed out\n\tat somewhere", true, AT),
                ProvisioningFinished.of("shop", INCARNATION, "provisioning-shop", 2, ProvisioningStatus.PARTIAL, AT),
                new ProvisioningRequest("shop", "Shop", "acme", 2, List.of(STAGE),
                        List.of(EnvironmentOutcome.succeeded(DEV, "dev/acme.shop", 1)), Trigger.RETRY,
                        "0b5e6f3a-7d1c-4f62-9a57-2c3f1b8e9d40", "alice", INCARNATION),
                new ProvisioningOutcome("shop", 2, ProvisioningStatus.PARTIAL, List.of(
                        EnvironmentOutcome.succeeded(DEV, "dev/acme.shop", 1),
                        EnvironmentOutcome.failed(STAGE, FailureReason.ConnectionTimeout, 2))),
                new VirtualClusterRequest(DEV, "acme", "shop", "Shop"),
                new VirtualCluster("dev/acme.shop", "cluster-1", false));

        for (Object value : values) {
            Payload payload = CONVERTER.toPayload(value).orElseThrow();
            assertThat(CONVERTER.fromPayload(payload, value.getClass(), value.getClass())).isEqualTo(value);
        }
    }
}
