package dev.provisioningstatus.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provisioningstatus.events.WebhookSecretCipher;
import dev.provisioningstatus.gateway.GatewayApplication;
import dev.provisioningstatus.gateway.TestTokens;
import org.junit.jupiter.api.Test;

/** Like the token key, the webhook key is required: the gateway does not start without a valid one. */
class WebhookSecretKeyRequiredTest {

    @Test
    void theGatewayRefusesToStartWithoutAWebhookKey() {
        assertThatThrownBy(() -> start()).hasRootCauseMessage(WebhookSecretCipher.KEY_PROPERTY
                + " is not set: a base64 key of 32 bytes is required to encrypt webhook secrets"
                + " (e.g. openssl rand -base64 32)");
    }

    @Test
    void theGatewayRefusesToStartWithAKeyOfTheWrongLength() {
        assertThatThrownBy(() -> start("--provisioning.webhooks.secret-key=c2hvcnQ="))
                .rootCause().hasMessageContaining("must be 32 bytes");
    }

    private static void start(String... more) {
        String[] args = new String[more.length + 4];
        args[0] = "--server.port=0";
        args[1] = "--server.address=127.0.0.1";
        args[2] = "--spring.kafka.bootstrap-servers=127.0.0.1:1";
        args[3] = "--provisioning.gateway.security.hmac-secret=" + TestTokens.SECRET;
        System.arraycopy(more, 0, args, 4, more.length);
        GatewayApplication.application().run(args).close();
    }
}
