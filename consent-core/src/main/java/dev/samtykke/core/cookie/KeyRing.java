package dev.samtykke.core.cookie;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * The HMAC-SHA256 keys of the consent cookie: one key signs new cookies, and it and any number of
 * older keys verify them, each under a short key id written into the cookie. To rotate, add a new
 * signing key and keep the old one as a verifying key until the cookies it signed have expired.
 *
 * <p>Keys are at least 32 random bytes, given in base64 (standard or URL alphabet), e.g. from
 * {@code openssl rand -base64 32}. Key material never appears in messages or {@link #toString()}.
 */
public final class KeyRing {

    /**
     * The environment variable Samtykke reads the signing key from wherever it is not configured otherwise
     * (the Spring module, the servlet module's {@code web.xml} set-up, the examples): base64, at least 32 bytes.
     */
    public static final String SIGNING_KEY_ENV = "SAMTYKKE_SIGNING_KEY";


    /** The minimum key length in bytes (256 bits, the HMAC-SHA256 block strength). */
    public static final int MIN_KEY_BYTES = 32;
    /** The key id of the random key of {@link #development()}. */
    public static final String DEVELOPMENT_KEY_ID = "dev";

    private static final Logger LOG = LoggerFactory.getLogger(KeyRing.class);
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    private static final String ALGORITHM = "HmacSHA256";
    private static final AtomicBoolean DEVELOPMENT_WARNED = new AtomicBoolean();

    private final Key signing;
    private final Key[] verifying;
    private final boolean development;

    private KeyRing(Key signing, List<Key> verifying, boolean development) {
        this.signing = signing;
        this.verifying = verifying.toArray(new Key[0]);
        this.development = development;
    }

    /**
     * A key ring from configuration.
     *
     * @param signingKeyId the id of the key that signs new cookies (1 to 32 of {@code A-Z a-z 0-9 _ . -})
     * @param signingKeyBase64 that key, base64 (standard or URL alphabet, padding optional), at least 32 bytes
     * @param verifyingKeysBase64 further keys that still verify, by id (may be {@code null} or empty); the
     *        signing key verifies too and need not be repeated
     * @return the key ring
     * @throws IllegalArgumentException if an id is malformed or repeated with another key, or a key is not
     *         base64 or shorter than 32 bytes
     */
    public static KeyRing fromBase64(String signingKeyId, String signingKeyBase64, Map<String, String> verifyingKeysBase64) {
        Key signing = new Key(checkId(signingKeyId), decode(signingKeyId, signingKeyBase64));
        List<Key> verifying = new ArrayList<>();
        verifying.add(signing);
        if (verifyingKeysBase64 != null) {
            for (Map.Entry<String, String> entry : verifyingKeysBase64.entrySet()) {
                String id = checkId(entry.getKey());
                byte[] secret = decode(id, entry.getValue());
                if (id.equals(signingKeyId)) {
                    if (!Arrays.equals(secret, signing.secret)) {
                        throw new IllegalArgumentException("key id '" + id + "' is given twice with different keys"
                                + " (as the signing key and as a verifying key)");
                    }
                    continue;
                }
                verifying.add(new Key(id, secret));
            }
        }
        return new KeyRing(signing, verifying, false);
    }

    /**
     * A key ring with one random key, for development only: cookies it signs do not survive a restart
     * and are not accepted by other instances. Logs a warning saying so, once per JVM.
     */
    public static KeyRing development() {
        byte[] secret = new byte[MIN_KEY_BYTES];
        new SecureRandom().nextBytes(secret);
        warnOnce(DEVELOPMENT_WARNED, LOG);
        Key key = new Key(DEVELOPMENT_KEY_ID, secret);
        return new KeyRing(key, List.of(key), true);
    }

    /** Logs the development-key warning unless {@code warned} is already set; true if it logged. */
    static boolean warnOnce(AtomicBoolean warned, Logger log) {
        if (!warned.compareAndSet(false, true)) {
            return false;
        }
        log.warn("Samtykke signs consent cookies with a random development key: consent cookies will not survive a"
                + " restart and are not accepted by other instances. Configure a signing key (at least 32 bytes, base64,"
                + " e.g. from 'openssl rand -base64 32') for production.");
        return true;
    }

    private static String checkId(String id) {
        if (id == null || !KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid key id '" + id + "': use 1 to 32 of the characters A-Z a-z 0-9 _ . -");
        }
        return id;
    }

    private static byte[] decode(String id, String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("key '" + id + "' is missing: give at least " + MIN_KEY_BYTES
                    + " random bytes in base64, e.g. from 'openssl rand -base64 32'");
        }
        String text = base64.strip().replace('-', '+').replace('_', '/');
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key '" + id + "' is not valid base64", null);
        }
        if (secret.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("key '" + id + "' is " + secret.length + " bytes; at least " + MIN_KEY_BYTES
                    + " bytes (256 bits) are required, e.g. from 'openssl rand -base64 32'");
        }
        return secret;
    }

    /** The id of the key that signs new cookies. */
    public String signingKeyId() {
        return signing.id;
    }

    /** The ids of every key that verifies, the signing key first. */
    public Set<String> verifyingKeyIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (Key key : verifying) {
            ids.add(key.id);
        }
        return Collections.unmodifiableSet(ids);
    }

    /** Whether this is the random key ring of {@link #development()}. */
    public boolean isDevelopment() {
        return development;
    }

    /**
     * A key for another use derived from the signing key: HMAC-SHA256 of {@code purpose} under it. Different purposes
     * give independent keys, and none of them reveals the signing key. A derived key changes when the signing key
     * is rotated; configure a key of its own where that matters.
     *
     * @param purpose what the key is for, e.g. {@code account}
     * @return 32 bytes
     */
    public byte[] derivedKey(String purpose) {
        Objects.requireNonNull(purpose, "purpose");
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(signing.secret, ALGORITHM));
            return mac.doFinal(("samtykke derived key\0" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    Key signingKey() {
        return signing;
    }

    /**
     * The position among the verifying keys of the key whose id is {@code buffer[offset, offset + length)}.
     *
     * @return the position, or -1 if no verifying key has that id
     */
    int indexOf(byte[] buffer, int offset, int length) {
        for (int i = 0; i < verifying.length; i++) {
            if (ConsentCookieCodec.sameBytes(verifying[i].idBytes, buffer, offset, length)) {
                return i;
            }
        }
        return -1;
    }

    /** The number of verifying keys (the signing key among them). */
    int verifyingCount() {
        return verifying.length;
    }

    /** The verifying key at a position of {@link #indexOf}. */
    Key verifying(int index) {
        return verifying[index];
    }

    /** Names the key ids, never the keys. */
    @Override
    public String toString() {
        return "KeyRing[signing=" + signing.id + ", verifying=" + verifyingKeyIds() + (development ? ", development" : "") + "]";
    }

    /**
     * One key with its id. {@link Mac} instances are not thread-safe and costly to initialise, so each
     * thread keeps its own, initialised once and reset by every {@code doFinal}.
     */
    static final class Key {
        final String id;
        final byte[] idBytes;
        private final byte[] secret;
        private final ThreadLocal<Mac> macs;

        Key(String id, byte[] secret) {
            this.id = Objects.requireNonNull(id);
            this.idBytes = id.getBytes(StandardCharsets.US_ASCII);
            this.secret = secret.clone();
            this.macs = ThreadLocal.withInitial(this::newMac);
            newMac(); // fail now, not on the first request, should the JDK lack HmacSHA256
        }

        /** This thread's {@link Mac} for the key, ready for a new computation. */
        Mac mac() {
            Mac mac = macs.get();
            mac.reset();
            return mac;
        }

        /** A new {@link Mac} under this key, for a caller that keeps its own per thread. */
        Mac newMac() {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(new SecretKeySpec(secret, ALGORITHM));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
            }
        }

        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }
}
