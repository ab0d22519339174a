package dev.samtykke.core.consent;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Turns the name of a signed-in account into the pseudonymous subject id its decisions are recorded under in the
 * ledger: {@code acct.} followed by 192 bits of HMAC-SHA256 of the name under a secret key, base64url
 * (37 characters in all). The raw account name is never stored; without the key the id cannot be linked back to
 * the name, and the same name always gives the same id, so every device the account signs in on finds the
 * account's latest decision.
 *
 * <p>Device subject ids ({@link ConsentEvaluator#newSubjectId()}) never contain a dot, so an account's id can never
 * be the id of a device. Instances are immutable and thread-safe.
 */
public final class AccountKey {

    /** The prefix of every account subject id. */
    public static final String PREFIX = "acct.";
    /** The fewest key bytes accepted. */
    public static final int MIN_KEY_BYTES = 32;

    private static final byte[] DOMAIN = "samtykke account v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final int ID_BYTES = 24;
    private static final int MAX_ACCOUNT_NAME_LENGTH = 1024;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    /**
     * An account key with the given secret.
     *
     * @param secret at least {@value #MIN_KEY_BYTES} random bytes; copied
     * @throws IllegalArgumentException if the secret is shorter
     */
    public AccountKey(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the account key is " + secret.length + " bytes; at least " + MIN_KEY_BYTES
                    + " bytes (256 bits) are required, e.g. from 'openssl rand -base64 32'");
        }
        this.key = new SecretKeySpec(Arrays.copyOf(secret, secret.length), "HmacSHA256");
    }

    /**
     * An account key from configuration.
     *
     * @param base64 the key in base64 (standard or URL alphabet, padding optional), at least {@value #MIN_KEY_BYTES} bytes
     * @return the key
     * @throws IllegalArgumentException if it is not base64 or too short (the message never holds the key)
     */
    public static AccountKey fromBase64(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("the account key is missing");
        }
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(base64.strip().replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the account key is not valid base64", null);
        }
        return new AccountKey(secret);
    }

    /**
     * The subject id of an account.
     *
     * @param accountName the account's stable name (user name, account number, e-mail address: anything that names
     *                    one account and does not change); 1 to 1,024 characters
     * @return {@code acct.} and 32 base64url characters
     * @throws IllegalArgumentException if the name is blank or too long
     */
    public String subjectIdOf(String accountName) {
        if (accountName == null || accountName.isBlank() || accountName.length() > MAX_ACCOUNT_NAME_LENGTH) {
            throw new IllegalArgumentException("an account name must be 1 to " + MAX_ACCOUNT_NAME_LENGTH + " characters");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(DOMAIN);
            byte[] digest = mac.doFinal(accountName.getBytes(StandardCharsets.UTF_8));
            return PREFIX + BASE64URL.encodeToString(Arrays.copyOf(digest, ID_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * Whether a subject id is an account's (made by {@link #subjectIdOf}) rather than a device's.
     *
     * @param subjectId a subject id
     * @return true if it starts with {@value #PREFIX}
     */
    public static boolean isAccountSubject(String subjectId) {
        return subjectId != null && subjectId.startsWith(PREFIX);
    }

    /** Names no key material. */
    @Override
    public String toString() {
        return "AccountKey[HMAC-SHA256]";
    }
}
