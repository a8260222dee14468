package dev.provisioningstatus.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provisioningstatus.events.WebhookAddressPolicy;
import dev.provisioningstatus.events.WebhookTransition;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

class WebhookRequestValidatorTest {

    /** Names resolve through a stub: nothing is looked up, nothing connected to. */
    private final WebhookRequestValidator validator = new WebhookRequestValidator(new WebhookAddressPolicy(
            List.of("127.0.0.1:9"), host -> switch (host) {
                case "hooks.example.com" -> List.of(InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34}));
                case "intranet.example.com" -> List.of(InetAddress.getByAddress(host, new byte[] {10, 1, 2, 3}));
                default -> throw new UnknownHostException(host);
            }));

    @Test
    void aValidRequestGivesItsTransitions() {
        assertThat(validator.validate(new WebhookRequest("https://hooks.example.com/p", List.of("partial", "failed"),
                "on-call"))).containsExactlyInAnyOrder(WebhookTransition.PARTIAL, WebhookTransition.FAILED);
    }

    @Test
    void theAllowlistedReceiverMayBePlainHttpOnLoopback() {
        assertThat(validator.validate(new WebhookRequest("http://127.0.0.1:9/hooks", List.of("recovered"), null)))
                .containsExactly(WebhookTransition.RECOVERED);
    }

    @Test
    void aRefusedUrlIsA400NamingThePolicysReason() {
        assertThatThrownBy(() -> validator.validate(new WebhookRequest("https://intranet.example.com/",
                List.of("failed"), null)))
                .isInstanceOf(ErrorResponseException.class)
                .hasMessageContaining("url refused").hasMessageContaining("private");
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        assertThatThrownBy(() -> validator.validate(new WebhookRequest("ftp://x", List.of(), "x".repeat(501))))
                .hasMessageContaining("url refused").hasMessageContaining("transitions must list")
                .hasMessageContaining("description must be at most 500");
    }

    @Test
    void anUnknownOrRepeatedTransitionIsRefused() {
        assertThatThrownBy(() -> validator.validate(new WebhookRequest("https://hooks.example.com/",
                List.of("exploded"), null))).hasMessageContaining("transitions may only contain failed, partial, recovered");
        assertThatThrownBy(() -> validator.validate(new WebhookRequest("https://hooks.example.com/",
                List.of("failed", "failed"), null))).hasMessageContaining("twice");
    }

    @Test
    void aDescriptionWithControlCharactersIsRefused() {
        assertThatThrownBy(() -> validator.validate(new WebhookRequest("https://hooks.example.com/",
                List.of("failed"), "line\nbreak"))).hasMessageContaining("control characters");
    }

    @Test
    void noBodyIsRefused() {
        assertThatThrownBy(() -> validator.validate(null)).hasMessageContaining("JSON body is required");
    }
}
