package dev.samtykke.core.cookie;

import java.util.Arrays;
import java.util.Base64;

/**
 * Base64url without padding (RFC 4648 §5), decoded strictly: any character outside the alphabet,
 * padding, an impossible length or non-zero unused trailing bits reject the input, so every text has
 * at most one decoding and every change of the text changes the bytes or is rejected.
 */
final class Base64Url {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
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
     * Decodes into {@code out} from index 0.
     *
     * @return the number of bytes written, or -1 if the text is not canonical base64url without padding
     *         or does not fit {@code out}
     */
    static int decode(String text, byte[] out) {
        char[] chars = new char[text.length()];
        text.getChars(0, chars.length, chars, 0);
        return decode(chars, chars.length, out);
    }

    /**
     * Decodes {@code chars[0, length)} into {@code out} from index 0.
     *
     * @return the number of bytes written, or -1 if the text is not canonical base64url without padding
     *         or does not fit {@code out}
     */
    static int decode(char[] chars, int length, byte[] out) {
        int size = decodedLength(length);
        if (size < 0 || size > out.length || length > chars.length) {
            return -1;
        }
        int o = 0;
        int i = 0;
        int full = length & ~3;
        while (i < full) {
            int bits = value(chars[i]) << 18 | value(chars[i + 1]) << 12 | value(chars[i + 2]) << 6 | value(chars[i + 3]);
            if (bits < 0) {
                return -1;
            }
            out[o] = (byte) (bits >> 16);
            out[o + 1] = (byte) (bits >> 8);
            out[o + 2] = (byte) bits;
            o += 3;
            i += 4;
        }
        int rest = length - full;
        if (rest == 2) {
            int bits = value(chars[i]) << 6 | value(chars[i + 1]);
            if (bits < 0 || (bits & 0x0f) != 0) {
                return -1;
            }
            out[o] = (byte) (bits >> 4);
        } else if (rest == 3) {
            int bits = value(chars[i]) << 12 | value(chars[i + 1]) << 6 | value(chars[i + 2]);
            if (bits < 0 || (bits & 0x03) != 0) {
                return -1;
            }
            out[o] = (byte) (bits >> 10);
            out[o + 1] = (byte) (bits >> 2);
        }
        return size;
    }

    /** The 6-bit value of a base64url character; any other character gives a negative number that
     * stays negative when shifted left by up to 18 bits and or-ed with other values. */
    private static int value(char c) {
        return c < 128 ? VALUES[c] : -1;
    }
}
