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
        int length = text.length();
        int size = decodedLength(length);
        if (size < 0 || size > out.length) {
            return -1;
        }
        int o = 0;
        int i = 0;
        int full = length & ~3;
        while (i < full) {
            int a = value(text.charAt(i));
            int b = value(text.charAt(i + 1));
            int c = value(text.charAt(i + 2));
            int d = value(text.charAt(i + 3));
            if ((a | b | c | d) < 0) {
                return -1;
            }
            int bits = a << 18 | b << 12 | c << 6 | d;
            out[o] = (byte) (bits >> 16);
            out[o + 1] = (byte) (bits >> 8);
            out[o + 2] = (byte) bits;
            o += 3;
            i += 4;
        }
        int rest = length - full;
        if (rest == 2) {
            int a = value(text.charAt(i));
            int b = value(text.charAt(i + 1));
            if ((a | b) < 0 || (b & 0x0f) != 0) {
                return -1;
            }
            out[o] = (byte) (a << 2 | b >> 4);
        } else if (rest == 3) {
            int a = value(text.charAt(i));
            int b = value(text.charAt(i + 1));
            int c = value(text.charAt(i + 2));
            if ((a | b | c) < 0 || (c & 0x03) != 0) {
                return -1;
            }
            int bits = a << 12 | b << 6 | c;
            out[o] = (byte) (bits >> 10);
            out[o + 1] = (byte) (bits >> 2);
        }
        return size;
    }

    private static int value(char c) {
        return c < 128 ? VALUES[c] : -1;
    }
}
