package dev.samtykke.servlet.internal;

import dev.samtykke.core.cookie.ConsentCookieCodec;
import dev.samtykke.core.cookie.CookieDecodeResult;


/**
 * Decodes consent cookies, remembering the values whose signature verified so that a returning
 * visitor's cookie is checked once, not on every request. Only valid results are kept (a forged
 * value is never cached, so it cannot fill the cache), keyed by the exact cookie value; a decision
 * is immutable and its expiry is judged again by the evaluator at every request, so a cached
 * result answers exactly as a fresh decode would.
 *
 * <p>The cache is a direct-mapped table of {@value #MAX_ENTRIES} slots: a value's slot comes from its
 * last characters, which encode the end of its signature and so are evenly spread, and a new value
 * takes the place of the one in its slot. Finding a value therefore hashes a few characters rather than
 * the whole value (a {@code String} hash of a 116-character cookie costs more than the rest of the
 * look-up), and compares the value once. The slots hold immutable entries, so they are shared between
 * threads without locking.
 */
public final class VerifiedCookies {

    /** The most cookie values remembered: the number of slots. */
    public static final int MAX_ENTRIES = 4096;
    /** How many characters from the end of a value choose its slot. */
    private static final int TAIL = 8;

    private final ConsentCookieCodec codec;
    private final Entry[] slots = new Entry[MAX_ENTRIES];

    /** A value and its result; immutable, so safely shared through the unsynchronised table. */
    private record Entry(String value, CookieDecodeResult result) {
    }

    /**
     * A cache in front of a codec.
     *
     * @param codec the codec that verifies
     */
    public VerifiedCookies(ConsentCookieCodec codec) {
        this.codec = codec;
    }

    /**
     * Decodes a cookie value, from the cache when it verified before.
     *
     * @param value the cookie value, or {@code null}
     * @return the codec's result; never throws
     */
    public CookieDecodeResult decode(String value) {
        return decode(value, false, 0);
    }

    /**
     * Decodes a cookie value, from the cache when it verified before, judging expiry at the given time
     * (see {@link ConsentCookieCodec#decode(String, long)}).
     *
     * @param value the cookie value, or {@code null}
     * @param epochMillis the time, in milliseconds since the epoch
     * @return the codec's result; never throws
     */
    public CookieDecodeResult decode(String value, long epochMillis) {
        return decode(value, true, epochMillis);
    }

    private CookieDecodeResult decode(String value, boolean timeGiven, long epochMillis) {
        if (value == null || value.isEmpty() || value.length() > ConsentCookieCodec.MAX_LENGTH) {
            return codec.decode(value);
        }
        int slot = slotOf(value);
        Entry known = slots[slot];
        if (known != null && known.value.equals(value)) {
            return known.result;
        }
        CookieDecodeResult result = timeGiven ? codec.decode(value, epochMillis) : codec.decode(value);
        if (result.isValid()) {
            slots[slot] = new Entry(value, result);
        }
        return result;
    }

    /** The slot of a value: a hash of its last {@value #TAIL} characters, mixed. */
    static int slotOf(String value) {
        int h = value.length();
        for (int i = Math.max(0, value.length() - TAIL); i < value.length(); i++) {
            h = 31 * h + value.charAt(i);
        }
        h *= 0x9E3779B9; // spread the bits (Fibonacci hashing)
        return h >>> (Integer.SIZE - Integer.numberOfTrailingZeros(MAX_ENTRIES));
    }

    /**
     * How many values are remembered (counts the table; for tests and diagnostics).
     *
     * @return the count
     */
    public int size() {
        int count = 0;
        for (Entry entry : slots) {
            if (entry != null) {
                count++;
            }
        }
        return count;
    }
}
