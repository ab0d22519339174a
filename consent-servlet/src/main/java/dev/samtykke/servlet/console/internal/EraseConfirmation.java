package dev.samtykke.servlet.console.internal;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The confirmation step of an erasure: the look-up hands out a token bound to the consent id, the console user and
 * an expiry, signed with a key of this console instance (random, never stored); the erasure must echo it. So an
 * erasure follows a look-up of the same records by the same user, shortly before.
 */
public final class EraseConfirmation {

    /** How long a token is good for. */
    public static final Duration VALIDITY = Duration.ofMinutes(10);
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    /** A confirmation with a fresh random key. */
    public EraseConfirmation() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        this.key = new SecretKeySpec(bytes, ALGORITHM);
    }

    /**
     * A token for erasing a subject's records.
     *
     * @param subjectId the consent id
     * @param principal the console user
     * @param now       the time
     * @return the token: its expiry (epoch seconds), a dot, and its signature
     */
    public String issue(String subjectId, String principal, Instant now) {
        long expires = now.plus(VALIDITY).getEpochSecond();
        return expires + "." + sign(subjectId, principal, expires);
    }

    /**
     * Whether a token confirms erasing a subject's records now, for this user (compared in constant time).
     *
     * @param token     the token, or {@code null}
     * @param subjectId the consent id
     * @param principal the console user
     * @param now       the time
     * @return whether it does
     */
    public boolean confirms(String token, String subjectId, String principal, Instant now) {
        if (token == null || token.length() > 100) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long expires;
        try {
            expires = Long.parseLong(token.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        boolean signed = MessageDigest.isEqual(sign(subjectId, principal, expires).getBytes(StandardCharsets.US_ASCII),
                token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
        return signed && now.getEpochSecond() <= expires;
    }

    private String sign(String subjectId, String principal, long expires) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] sig = mac.doFinal(("samtykke-console-erase|" + expires + "|" + subjectId.length() + ":" + subjectId + "|"
                    + principal).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
