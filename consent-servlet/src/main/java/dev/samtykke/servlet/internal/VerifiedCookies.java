package dev.samtykke.servlet.internal;

import dev.samtykke.core.cookie.ConsentCookieCodec;
import dev.samtykke.core.cookie.CookieDecodeResult;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes consent cookies, remembering the values whose signature verified so that a returning
 * visitor's cookie is checked once, not on every request. Only valid results are kept (a forged
 * value is never cached, so it cannot fill the cache), keyed by the exact cookie value; a decision
 * is immutable and its expiry is judged again by the evaluator at every request, so a cached
 * result answers exactly as a fresh decode would. At most {@value #MAX_ENTRIES} values are kept;
 * when full, the cache starts over.
 */
public final class VerifiedCookies {

    /** The most cookie values remembered. */
    public static final int MAX_ENTRIES = 4096;

    private final ConsentCookieCodec codec;
    private final Map<String, CookieDecodeResult> verified = new ConcurrentHashMap<>();

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
        CookieDecodeResult known = verified.get(value);
        if (known != null) {
            return known;
        }
        CookieDecodeResult result = timeGiven ? codec.decode(value, epochMillis) : codec.decode(value);
        if (result.isValid()) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(value, result);
        }
        return result;
    }

    /**
     * How many values are remembered.
     *
     * @return the count
     */
    public int size() {
        return verified.size();
    }
}
