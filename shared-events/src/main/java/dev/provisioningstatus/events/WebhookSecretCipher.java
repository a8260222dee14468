package dev.provisioningstatus.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts webhook signing secrets for {@code notifications.subscriptions}, which every reader of the topic
 * can see: AES-256-GCM with a fresh 96-bit nonce per secret, and the subscription id as associated data, so
 * an encrypted secret copied onto another subscription does not decrypt. The stored form is
 * {@code base64(nonce ‖ ciphertext ‖ tag)}. The key is 32 bytes, base64 in configuration; the gateway
 * encrypts and the notifier decrypts with the same key.
 */
public final class WebhookSecretCipher {

    /** The configuration property both services read the key from. */
    public static final String KEY_PROPERTY = "provisioning.webhooks.secret-key";

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random;

    private WebhookSecretCipher(byte[] key, SecureRandom random) {
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
    }

    /**
     * The cipher of a base64 key of 32 bytes; a missing or malformed key is refused with a message naming
     * {@link #KEY_PROPERTY}, so a service without one does not start.
     */
    public static WebhookSecretCipher fromBase64Key(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException(KEY_PROPERTY + " is not set: a base64 key of " + KEY_BYTES
                    + " bytes is required to encrypt webhook secrets (e.g. openssl rand -base64 32)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException(KEY_PROPERTY + " is not base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException(KEY_PROPERTY + " must be " + KEY_BYTES + " bytes, not " + key.length);
        }
        return new WebhookSecretCipher(key, new SecureRandom());
    }

    public String encrypt(String secret, String subscriptionId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, subscriptionId);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The secret; throws {@link IllegalArgumentException} when it was not encrypted with this key for this subscription. */
    public String decrypt(String encryptedSecret, String subscriptionId) {
        byte[] stored;
        try {
            stored = Base64.getDecoder().decode(encryptedSecret);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("the encrypted secret is not base64");
        }
        if (stored.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("the encrypted secret is too short");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(stored, NONCE_BYTES), subscriptionId);
            byte[] secret = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
            return new String(secret, StandardCharsets.UTF_8);
        } catch (AEADBadTagException wrongKeyOrSubscription) {
            throw new IllegalArgumentException("the encrypted secret does not decrypt with this key for subscription "
                    + subscriptionId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String subscriptionId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(subscriptionId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "WebhookSecretCipher[key=<hidden>]";
    }
}
