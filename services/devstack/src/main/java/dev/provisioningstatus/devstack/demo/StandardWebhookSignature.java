package dev.provisioningstatus.devstack.demo;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a Standard Webhooks signature as a receiver does: HMAC-SHA256, keyed with the base64 after the
 * secret's {@code whsec_}, over {@code webhook-id.webhook-timestamp.body}; the {@code webhook-signature}
 * header lists {@code v1,<base64>} signatures separated by spaces, and one match is enough. Written from
 * the specification, apart from the notifier's signing code, so the demo shows whether the two agree.
 */
public final class StandardWebhookSignature {

    private static final String SECRET_PREFIX = "whsec_";

    private StandardWebhookSignature() {
    }

    public static boolean verifies(String secret, String webhookId, String timestamp, byte[] body,
            String signatureHeader) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX) || webhookId == null || timestamp == null
                || signatureHeader == null) {
            return false;
        }
        byte[] expected = sign(Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())), webhookId,
                timestamp, body);
        for (String signature : signatureHeader.trim().split(" +")) {
            String[] versioned = signature.split(",", 2);
            if (versioned.length == 2 && versioned[0].equals("v1") && MessageDigest.isEqual(expected, decoded(versioned[1]))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] sign(byte[] key, String webhookId, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((webhookId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] decoded(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            return new byte[0];
        }
    }
}
