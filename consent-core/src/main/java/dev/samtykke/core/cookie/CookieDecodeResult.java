package dev.samtykke.core.cookie;

import dev.samtykke.core.consent.ConsentDecision;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link ConsentCookieCodec#decode(String)}: the decision, or none with the reason.
 *
 * @param decision the verified decision; empty when the cookie was missing or not accepted
 * @param reason {@link #VALID}, or why the cookie was not accepted (for debug logs; never contains the value)
 * @param subjectId the subject id of a cookie whose signature verified but whose decision does not apply
 *        (expired, another policy), so that a new decision can keep it; also present when valid
 */
public record CookieDecodeResult(Optional<ConsentDecision> decision, String reason, Optional<String> subjectId) {

    /** The reason of a valid result. */
    public static final String VALID = "valid";
    /** No cookie value. */
    public static final String MISSING = "missing";
    /** Longer than {@link ConsentCookieCodec#MAX_LENGTH}; rejected before any other work. */
    public static final String TOO_LONG = "too long";
    /** Not canonical base64url, or too short to hold a signature. */
    public static final String MALFORMED = "malformed";
    /** A format version this codec does not read. */
    public static final String UNSUPPORTED_VERSION = "unsupported version";
    /** Signed under a key id the key ring does not hold. */
    public static final String UNKNOWN_KEY = "unknown key";
    /** The signature does not match: tampered, truncated or signed with another key. */
    public static final String BAD_SIGNATURE = "bad signature";
    /** Given for another policy id. */
    public static final String UNKNOWN_POLICY = "unknown policy";
    /** Past its expiry. */
    public static final String EXPIRED = "expired";

    private static final CookieDecodeResult MISSING_RESULT = new CookieDecodeResult(Optional.empty(), MISSING, Optional.empty());

    public CookieDecodeResult {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(subjectId, "subjectId");
        if (decision.isPresent() != VALID.equals(reason)) {
            throw new IllegalArgumentException("a result has a decision exactly when its reason is '" + VALID + "'");
        }
    }

    /** A valid result. */
    public static CookieDecodeResult valid(ConsentDecision decision) {
        return new CookieDecodeResult(Optional.of(decision), VALID, Optional.of(decision.subjectId()));
    }

    /** A result without a decision. */
    public static CookieDecodeResult invalid(String reason) {
        return MISSING.equals(reason) ? MISSING_RESULT : new CookieDecodeResult(Optional.empty(), reason, Optional.empty());
    }

    /** A result without a decision, from a verified cookie whose subject id may be kept. */
    public static CookieDecodeResult invalid(String reason, String subjectId) {
        return new CookieDecodeResult(Optional.empty(), reason, Optional.of(subjectId));
    }

    /** Whether the cookie held a verified decision for this policy that has not expired. */
    public boolean isValid() {
        return decision.isPresent();
    }

    /** States the reason only: never the subject id. */
    @Override
    public String toString() {
        return "CookieDecodeResult[" + reason + "]";
    }
}
