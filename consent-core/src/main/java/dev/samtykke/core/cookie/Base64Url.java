package dev.samtykke.core.cookie;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Base64url without padding (RFC 4648 §5), decoded strictly: any character outside the alphabet,
 * padding, an impossible length or non-zero unused trailing bits reject the input, so every text has
 * at most one decoding and every change of the text changes the bytes or is rejected.
 */
final class Base64Url {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final byte[] VALUES = new byte[128];

    static {
        Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private Base64Url() {
    }

    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /** The number of bytes {@code chars} characters decode to, or -1 if no valid text has that length. */
    static int decodedLength(int chars) {
        int rest = chars & 3;
        return rest == 1 ? -1 : (chars >>> 2) * 3 + (rest == 0 ? 0 : rest - 1);
    }

    /** The decoded bytes, or {@code null} if the text is not canonical base64url without padding. */
    static byte[] decode(String text) {
        int size = decodedLength(text.length());
        if (size < 0) {
            return null;
        }
        byte[] out = new byte[size];
        return decode(text, out) < 0 ? null : out;
    }

    /**
     * Decodes into {@code out} from index 0 with the JDK's decoder (vectorised where the CPU allows),
     * after the checks that make it strict: no padding, and the unused bits of the last character zero.
     * The JDK decoder refuses every other character outside the alphabet; characters past Latin-1
     * become {@code '?'} on the way, which it refuses too.
     *
     * @return the number of bytes written, or -1 if the text is not canonical base64url without padding
     *         or does not fit {@code out}
     */
    static int decode(String text, byte[] out) {
        int length = text.length();
        int size = decodedLength(length);
        if (size < 0 || size > out.length) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int last = value(text.charAt(length - 1)); // '=' is not in the alphabet: no padding
        int unusedBits = switch (length & 3) {
            case 2 -> 0x0f;
            case 3 -> 0x03;
            default -> 0;
        };
        if (last < 0 || (last & unusedBits) != 0) {
            return -1;
        }
        try {
            return DECODER.decode(text.getBytes(StandardCharsets.ISO_8859_1), out);
        } catch (IllegalArgumentException notBase64url) {
            return -1;
        }
    }

    /** The 6-bit value of a base64url character, or -1 for any other character. */
    private static int value(char c) {
        return c < 128 ? VALUES[c] : -1;
    }
}
