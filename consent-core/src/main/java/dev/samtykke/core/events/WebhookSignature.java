package dev.samtykke.core.events;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The signature of a webhook delivery, in the header {@value #HEADER}: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>},
 * the HMAC keyed with the endpoint's secret over {@code "<t>.<body>"}. The time is inside what is signed, so a receiver
 * that rejects old times (see {@link #verify}) rejects replays of a captured delivery.
 *
 * <p>Receivers in Java may call {@link #verify} directly; {@code docs/events.md} shows the check in a few lines for
 * others.
 */
public final class WebhookSignature {

    /** The header that carries the signature. */
    public static final String HEADER = "Samtykke-Signature";
    /** The fewest bytes a secret may have. */
    public static final int MIN_SECRET_BYTES = 16;

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAX_HEADER_LENGTH = 512;

    private final byte[] secret;

    /**
     * A signer and verifier with one secret.
     *
     * @param secret at least {@value #MIN_SECRET_BYTES} bytes (use 32 random bytes)
     * @throws IllegalArgumentException if shorter
     */
    public WebhookSignature(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("a webhook secret needs at least " + MIN_SECRET_BYTES + " bytes, got " + secret.length);
        }
        this.secret = secret.clone();
    }

    /**
     * The header value for a body sent at a time.
     *
     * @param at when it is sent
     * @param body the request body
     * @return {@code t=<unix seconds>,v1=<hex>}
     */
    public String sign(Instant at, String body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(t, body));
    }

    /**
     * Whether a header signs a body, with a time no further than {@code tolerance} from {@code now} (either way).
     * Compares in constant time; a malformed or oversized header is {@code false}, never an exception.
     *
     * @param header the {@value #HEADER} header's value, may be {@code null}
     * @param body the request body as received
     * @param now the receiver's time
     * @param tolerance how old (or how far ahead) a signature may be, e.g. five minutes
     * @return whether the delivery is authentic and fresh
     */
    public boolean verify(String header, String body, Instant now, Duration tolerance) {
        if (header == null || body == null || header.length() > MAX_HEADER_LENGTH) {
            return false;
        }
        Long t = null;
        byte[] given = null;
        for (String part : header.split(",")) {
            String p = part.strip();
            if (p.startsWith("t=")) {
                try {
                    t = Long.parseLong(p.substring(2));
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (p.startsWith("v1=") && p.length() == 3 + 64) {
                try {
                    given = HexFormat.of().parseHex(p.substring(3));
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
        }
        if (t == null || given == null) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - t) > tolerance.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(mac(t, body), given);
    }

    private byte[] mac(long t, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "WebhookSignature[secret hidden]";
    }
}
