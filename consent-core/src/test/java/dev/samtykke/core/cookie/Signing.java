package dev.samtykke.core.cookie;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/** Test keys, and signing of hand-made cookie bodies with them, independent of the codec. */
final class Signing {

    static final byte[] KEY_1 = bytes(1);
    static final byte[] KEY_2 = bytes(2);
    static final String KEY_1_BASE64 = Base64.getEncoder().encodeToString(KEY_1);
    static final String KEY_2_BASE64 = Base64.getEncoder().encodeToString(KEY_2);

    private Signing() {
    }

    private static byte[] bytes(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i * 7);
        }
        return key;
    }

    /** Signs with key k1. */
    static KeyRing ring1() {
        return KeyRing.fromBase64("k1", KEY_1_BASE64, Map.of());
    }

    /** The signed cookie value of a body: base64url of body and HMAC-SHA256(key, body). */
    static String sign(byte[] body, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = Arrays.copyOf(body, body.length + 32);
            System.arraycopy(mac.doFinal(body), 0, signed, body.length, 32);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body of a cookie value (without its 32-byte signature). */
    static byte[] body(String value) {
        byte[] bytes = Base64.getUrlDecoder().decode(value);
        return Arrays.copyOf(bytes, bytes.length - 32);
    }
}
