package dev.provisioningstatus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSecretCipherTest {

    private static final String SUBSCRIPTION = "5f0c8e2a-9d4b-4a61-8c3e-2b7d1f6a9e40";
    private static final String OTHER_SUBSCRIPTION = "a3e1b7c9-2f4d-4e8a-b6c0-7d9e1f2a3b4c";

    private final WebhookSecretCipher cipher = WebhookSecretCipher.fromBase64Key(SampleEvents.WEBHOOK_SECRET_KEY);

    @Test
    void anEncryptedSecretDecryptsToItselfForItsSubscription() {
        String secret = WebhookSigningSecret.generate();

        assertThat(cipher.decrypt(cipher.encrypt(secret, SUBSCRIPTION), SUBSCRIPTION)).isEqualTo(secret);
    }

    @Test
    void theGoldenSubscriptionsSecretsDecryptWithTheSampleKey() {
        assertThat(cipher.decrypt(SampleEvents.WORKSPACE_WEBHOOK.encryptedSecret(),
                SampleEvents.WORKSPACE_WEBHOOK.subscriptionId())).isEqualTo(SampleEvents.WORKSPACE_WEBHOOK_SECRET);
        assertThat(cipher.decrypt(SampleEvents.PLATFORM_WEBHOOK.encryptedSecret(),
                SampleEvents.PLATFORM_WEBHOOK.subscriptionId())).isEqualTo(SampleEvents.PLATFORM_WEBHOOK_SECRET);
    }

    @Test
    void theEncryptedFormNeitherContainsTheSecretNorRepeats() {
        String secret = WebhookSigningSecret.generate();

        String once = cipher.encrypt(secret, SUBSCRIPTION);
        String twice = cipher.encrypt(secret, SUBSCRIPTION);

        assertThat(once).isNotEqualTo(twice).doesNotContain(secret.substring(WebhookSigningSecret.PREFIX.length()));
    }

    @Test
    void aSecretCopiedOntoAnotherSubscriptionDoesNotDecrypt() {
        String encrypted = cipher.encrypt(WebhookSigningSecret.generate(), SUBSCRIPTION);

        assertThatThrownBy(() -> cipher.decrypt(encrypted, OTHER_SUBSCRIPTION))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(OTHER_SUBSCRIPTION);
    }

    @Test
    void aSecretEncryptedWithAnotherKeyDoesNotDecrypt() {
        String encrypted = WebhookSecretCipher.fromBase64Key(base64OfBytes(32, (byte) 7))
                .encrypt(WebhookSigningSecret.generate(), SUBSCRIPTION);

        assertThatThrownBy(() -> cipher.decrypt(encrypted, SUBSCRIPTION)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTamperedSecretDoesNotDecrypt() {
        byte[] stored = Base64.getDecoder().decode(cipher.encrypt(WebhookSigningSecret.generate(), SUBSCRIPTION));
        stored[20] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt(Base64.getEncoder().encodeToString(stored), SUBSCRIPTION))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void aMissingKeyIsRefusedNamingItsProperty(String key) {
        assertThatThrownBy(() -> WebhookSecretCipher.fromBase64Key(key))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(WebhookSecretCipher.KEY_PROPERTY)
                .hasMessageContaining("not set");
    }

    @Test
    void aKeyThatIsNotBase64IsRefused() {
        assertThatThrownBy(() -> WebhookSecretCipher.fromBase64Key("not base64 at all!"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not base64");
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 31, 33, 64})
    void aKeyOfAnotherLengthThan32BytesIsRefused(int bytes) {
        assertThatThrownBy(() -> WebhookSecretCipher.fromBase64Key(base64OfBytes(bytes, (byte) 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be 32 bytes");
    }

    @Test
    void theCipherNeverPrintsItsKey() {
        assertThat(cipher.toString()).doesNotContain(SampleEvents.WEBHOOK_SECRET_KEY);
    }

    @Test
    void aGeneratedSecretIsAStandardWebhooksSecretOf32RandomBytes() {
        String secret = WebhookSigningSecret.generate();

        assertThat(secret).startsWith("whsec_");
        assertThat(WebhookSigningSecret.key(secret)).hasSize(32);
        assertThat(WebhookSigningSecret.generate()).isNotEqualTo(secret);
    }

    @Test
    void aSecretWithoutThePrefixHasNoKey() {
        assertThatThrownBy(() -> WebhookSigningSecret.key(base64OfBytes(32, (byte) 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whsec_");
    }

    private static String base64OfBytes(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
