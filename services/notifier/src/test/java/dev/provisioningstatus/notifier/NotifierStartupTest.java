package dev.provisioningstatus.notifier;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notifier cannot decrypt any subscription's secret without the key, so it does not start without one. */
class NotifierStartupTest {

    @TempDir
    Path stateDir;

    @Test
    void theNotifierRefusesToStartWithoutTheSecretKey() {
        assertThatThrownBy(() -> NotifierApplication.application().run(
                "--spring.kafka.bootstrap-servers=127.0.0.1:9",
                "--spring.kafka.streams.state-dir=" + stateDir,
                "--server.port=0"))
                .rootCause().hasMessageContaining("provisioning.webhooks.secret-key is not set");
    }

    @Test
    void theNotifierRefusesToStartWithAKeyOfTheWrongLength() {
        assertThatThrownBy(() -> NotifierApplication.application().run(
                "--spring.kafka.bootstrap-servers=127.0.0.1:9",
                "--spring.kafka.streams.state-dir=" + stateDir,
                "--provisioning.webhooks.secret-key=c2hvcnQ=",
                "--server.port=0"))
                .rootCause().hasMessageContaining("provisioning.webhooks.secret-key must be 32 bytes");
    }
}
