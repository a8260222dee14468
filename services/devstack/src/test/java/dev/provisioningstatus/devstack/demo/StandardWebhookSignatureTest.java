package dev.provisioningstatus.devstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo receiver's check, against the test vector published with the Standard Webhooks libraries. */
class StandardWebhookSignatureTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String TIMESTAMP = "1614265330";
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void thePublishedVectorVerifies() {
        assertThat(StandardWebhookSignature.verifies(SECRET, ID, TIMESTAMP, BODY, SIGNATURE)).isTrue();
    }

    @Test
    void oneMatchingSignatureAmongSeveralIsEnough() {
        assertThat(StandardWebhookSignature.verifies(SECRET, ID, TIMESTAMP, BODY,
                "v1,bm90IGl0 " + SIGNATURE + " v2,abc")).isTrue();
    }

    @Test
    void aChangedBodyDoesNotVerify() {
        assertThat(StandardWebhookSignature.verifies(SECRET, ID, TIMESTAMP,
                "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8), SIGNATURE)).isFalse();
    }

    @Test
    void anotherIdOrTimestampDoesNotVerify() {
        assertThat(StandardWebhookSignature.verifies(SECRET, "msg_other", TIMESTAMP, BODY, SIGNATURE)).isFalse();
        assertThat(StandardWebhookSignature.verifies(SECRET, ID, "1614265331", BODY, SIGNATURE)).isFalse();
    }

    @Test
    void withoutASecretOrSignatureNothingVerifies() {
        assertThat(StandardWebhookSignature.verifies(null, ID, TIMESTAMP, BODY, SIGNATURE)).isFalse();
        assertThat(StandardWebhookSignature.verifies(SECRET, ID, TIMESTAMP, BODY, null)).isFalse();
        assertThat(StandardWebhookSignature.verifies(SECRET, ID, TIMESTAMP, BODY, "v1,not base64!")).isFalse();
    }
}
