package dev.samtykke.core.cookie;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.internal.GrantBits;
import dev.samtykke.core.internal.GrantLayout;
import dev.samtykke.core.internal.Grants;
import dev.samtykke.core.internal.HashIndex;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyVersion;
import dev.samtykke.core.policy.Purpose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a {@link ConsentDecision} into a compact signed cookie value and reads it back.
 *
 * <p>The value is base64url (no padding) of {@code body || HMAC-SHA256(key, body)}, where the body is,
 * in format version 1: the version byte {@code 0x01}; the key id, subject id and policy id, each as a
 * length byte and ASCII; the policy MAJOR and MINOR; the decision time in epoch seconds; the seconds
 * until expiry; the method; and one 4-byte entry per decided purpose (consent-based, or objectable, where
 * the bit clear records an objection) and per service choice ({@code purpose/service}, for a purpose that asks
 * per service): a 31-bit hash of the
 * purpose id (the first bits of its SHA-256) and the grant bit. Numbers are LEB128 varints (the
 * decision time zig-zag encoded). Purposes are named by hash, never by position, so reordering the
 * policy file changes nothing, and a purpose the policy no longer declares is ignored.
 *
 * <p>{@link #decode(String)} never throws: a missing, oversized (checked first, before any decoding),
 * malformed, unsupported, unknown-key, badly signed, other-policy or expired value yields no decision
 * and a reason, logged at DEBUG without the value. Signatures are compared in constant time.
 * Instances are immutable and thread-safe.
 */
public final class ConsentCookieCodec {

    /** The longest cookie value {@link #decode(String)} looks at; longer values are rejected unread. */
    public static final int MAX_LENGTH = 1024;
    /** The format version this codec writes. */
    public static final int FORMAT_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(ConsentCookieCodec.class);
    private static final int MAC_BYTES = 32;
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int MAX_SUBJECT_BYTES = 64;
    /** Format-1 method codes: the position in this array. Append only. */
    private static final ConsentMethod[] METHODS = {ConsentMethod.ACCEPT_ALL, ConsentMethod.REJECT_ALL,
            ConsentMethod.CUSTOM, ConsentMethod.WITHDRAW, ConsentMethod.GPC, ConsentMethod.API, ConsentMethod.ACCOUNT};
    /** The shortest body: version, three one-byte ids, two versions, two times, method, count. */
    private static final int MIN_BODY = 1 + 2 + 2 + 2 + 1 + 1 + 1 + 1 + 1 + 1;

    private final KeyRing keys;
    private final ConsentPolicy policy;
    private final Clock clock;
    private final byte[] policyIdBytes;
    /** The policy's decision keys (purposes and service choices): a cookie's grants are read into bits over this layout. */
    private final GrantLayout layout;
    /** The cookie hash of each purpose, by its bit in {@link #layout}. */
    private final int[] hashByBit;
    /** From a cookie hash to the purpose's bit in {@link #layout}. */
    private final HashIndex bitByHash;
    /** Per thread, in one look-up, what reading a cookie would otherwise allocate each time: see {@link Scratch}. */
    private final ThreadLocal<Scratch> scratch;

    /**
     * Creates a codec.
     *
     * @param keys the keys that sign and verify
     * @param policy the current policy: cookies for another policy id are not accepted
     * @param clock decides expiry
     * @throws IllegalArgumentException if the policy has more consent-based purposes than a cookie of
     *         {@link #MAX_LENGTH} can hold, or two purpose ids share a hash (rename one)
     */
    public ConsentCookieCodec(KeyRing keys, ConsentPolicy policy, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        int keyCount = keys.verifyingCount();
        this.policyIdBytes = ascii(policy.id(), "policy id");
        List<String> decisionKeys = policy.decisionKeys();
        int worst = 1 + (1 + 32) + (1 + MAX_SUBJECT_BYTES) + (1 + policyIdBytes.length) + 5 + 5 + 10 + 10 + 1 + 3
                + 4 * decisionKeys.size() + MAC_BYTES;
        if ((worst * 4 + 2) / 3 > MAX_LENGTH) {
            throw new IllegalArgumentException("policy '" + policy.id() + "' has " + policy.decidablePurposes().size()
                    + " consent-based purposes" + (decisionKeys.size() > policy.decidablePurposes().size()
                    ? " and " + (decisionKeys.size() - policy.decidablePurposes().size()) + " service choices" : "")
                    + ": too many for a consent cookie of at most " + MAX_LENGTH + " characters");
        }
        this.layout = GrantLayout.of(decisionKeys);
        this.hashByBit = new int[layout.size()];
        Map<Integer, String> byHash = new HashMap<>();
        for (int bit = 0; bit < layout.size(); bit++) {
            String id = layout.purposeIds().get(bit);
            int hash = hash(id);
            String clash = byHash.putIfAbsent(hash, id);
            if (clash != null) {
                throw new IllegalArgumentException("purposes (or service choices) '" + clash + "' and '" + id
                        + "' have the same consent-cookie hash; rename one of them");
            }
            hashByBit[bit] = hash;
        }
        this.bitByHash = new HashIndex(hashByBit);
        int layoutSize = layout.size();
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(keyCount, layoutSize));
    }

    /** The 31-bit cookie hash of a purpose id: the first 31 bits of the SHA-256 of its UTF-8 bytes. */
    static int hash(String purposeId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(purposeId.getBytes(StandardCharsets.UTF_8));
            return ((digest[0] & 0xff) << 24 | (digest[1] & 0xff) << 16 | (digest[2] & 0xff) << 8 | (digest[3] & 0xff)) >>> 1;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static byte[] ascii(String text, String what) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length == 0 || bytes.length > 255 || !text.equals(new String(bytes, StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException(what + " must be 1 to 255 ASCII characters");
        }
        return bytes;
    }

    /** The policy this codec reads and writes cookies for. */
    public ConsentPolicy policy() {
        return policy;
    }

    /**
     * The signed cookie value of a decision. Times are kept to the second (fractions are dropped);
     * grants for purposes that are not consent-based purposes of the policy are left out.
     *
     * @param decision a decision for this codec's policy
     * @return the cookie value, at most {@link #MAX_LENGTH} characters of base64url
     * @throws IllegalArgumentException if the decision is for another policy id or its subject id is not
     *         acceptable ({@link ConsentEvaluator#isValidSubjectId(String)})
     */
    public String encode(ConsentDecision decision) {
        Objects.requireNonNull(decision, "decision");
        if (!decision.policyId().equals(policy.id())) {
            throw new IllegalArgumentException("decision is for policy '" + decision.policyId() + "', this codec for '"
                    + policy.id() + "'");
        }
        if (!ConsentEvaluator.isValidSubjectId(decision.subjectId())) {
            throw new IllegalArgumentException("a subject id must be 1 to 64 characters of A-Z a-z 0-9 _ . -");
        }
        KeyRing.Key key = keys.signingKey();
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(FORMAT_VERSION);
        writeText(out, key.idBytes);
        writeText(out, decision.subjectId().getBytes(StandardCharsets.US_ASCII));
        writeText(out, policyIdBytes);
        writeVarint(out, decision.policyVersion().major());
        writeVarint(out, decision.policyVersion().minor());
        long decided = decision.decidedAt().getEpochSecond();
        writeVarint(out, (decided << 1) ^ (decided >> 63));
        writeVarint(out, decision.expiresAt().getEpochSecond() - decided);
        out.write(methodCode(decision.method()));
        int count = 0;
        int[] entries = new int[decision.grants().size()];
        for (Map.Entry<String, Boolean> grant : decision.grants().entrySet()) {
            int bit = layout.bitOf(grant.getKey());
            if (bit >= 0) {
                entries[count++] = hashByBit[bit] << 1 | (Boolean.TRUE.equals(grant.getValue()) ? 1 : 0);
            }
        }
        writeVarint(out, count);
        for (int i = 0; i < count; i++) {
            int e = entries[i];
            out.write(e >>> 24);
            out.write(e >>> 16);
            out.write(e >>> 8);
            out.write(e);
        }
        byte[] body = out.toByteArray();
        byte[] mac = key.mac().doFinal(body);
        byte[] signed = Arrays.copyOf(body, body.length + MAC_BYTES);
        System.arraycopy(mac, 0, signed, body.length, MAC_BYTES);
        String value = Base64Url.encode(signed);
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the consent cookie would be " + value.length() + " characters, over "
                    + MAX_LENGTH);
        }
        return value;
    }

    private static int methodCode(ConsentMethod method) {
        for (int i = 0; i < METHODS.length; i++) {
            if (METHODS[i] == method) {
                return i;
            }
        }
        throw new IllegalArgumentException("no cookie code for method " + method);
    }

    private static void writeText(ByteArrayOutputStream out, byte[] ascii) {
        out.write(ascii.length);
        out.write(ascii, 0, ascii.length);
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    /**
     * Reads and verifies a cookie value, judging expiry by the codec's clock. Never throws.
     *
     * @param cookieValue the value, or {@code null} when the request has no consent cookie
     * @return the decision, or none with the reason
     */
    public CookieDecodeResult decode(String cookieValue) {
        return decode(cookieValue, false, 0);
    }

    /**
     * Reads and verifies a cookie value, judging expiry at the given time instead of reading the clock.
     * For a caller that reads the clock once per request and uses that time for decoding and for
     * {@link ConsentEvaluator#evaluate(ConsentDecision, boolean, long)}, as the consent filter does: a
     * clock read costs about as much as the rest of the evaluation. Never throws.
     *
     * @param cookieValue the value, or {@code null} when the request has no consent cookie
     * @param epochMillis the time, in milliseconds since the epoch (as {@link Clock#millis()} gives it)
     * @return the decision, or none with the reason
     */
    public CookieDecodeResult decode(String cookieValue, long epochMillis) {
        return decode(cookieValue, true, epochMillis);
    }

    private CookieDecodeResult decode(String cookieValue, boolean timeGiven, long epochMillis) {
        CookieDecodeResult result;
        try {
            result = decodeUnguarded(cookieValue, timeGiven, epochMillis);
        } catch (RuntimeException unexpected) {
            // A defect, not bad input: property tests call decodeUnguarded to prove this never happens.
            result = CookieDecodeResult.invalid(CookieDecodeResult.MALFORMED);
        }
        if (!result.isValid() && LOG.isDebugEnabled() && !CookieDecodeResult.MISSING.equals(result.reason())) {
            LOG.debug("consent cookie not accepted: {}", result.reason());
        }
        return result;
    }

    /** {@link #decode(String)} without its safety net, so that tests see any exception. */
    CookieDecodeResult decodeUnguarded(String value) {
        return decodeUnguarded(value, false, 0);
    }

    /** The time is read from the clock, when the value gets that far, unless given. */
    private CookieDecodeResult decodeUnguarded(String value, boolean timeGiven, long epochMillis) {
        if (value == null || value.isEmpty()) {
            return CookieDecodeResult.invalid(CookieDecodeResult.MISSING);
        }
        if (value.length() > MAX_LENGTH) {
            return CookieDecodeResult.invalid(CookieDecodeResult.TOO_LONG);
        }
        Scratch buffers = scratch.get();
        byte[] bytes = buffers.body;
        int length = Base64Url.decode(value, bytes);
        if (length < MIN_BODY + MAC_BYTES) {
            return CookieDecodeResult.invalid(CookieDecodeResult.MALFORMED);
        }
        if (bytes[0] != FORMAT_VERSION) {
            return CookieDecodeResult.invalid(CookieDecodeResult.UNSUPPORTED_VERSION);
        }
        int bodyLength = length - MAC_BYTES;
        int keyIdLength = bytes[1] & 0xff;
        if (2 + keyIdLength > bodyLength) {
            return CookieDecodeResult.invalid(CookieDecodeResult.MALFORMED);
        }
        int keyIndex = keys.indexOf(bytes, 2, keyIdLength);
        if (keyIndex < 0) {
            return CookieDecodeResult.invalid(CookieDecodeResult.UNKNOWN_KEY);
        }
        Mac[] macs = buffers.macs;
        Mac mac = macs[keyIndex];
        if (mac == null) {
            mac = keys.verifying(keyIndex).newMac();
            macs[keyIndex] = mac;
        }
        mac.reset(); // a no-op unless an earlier call was cut short
        mac.update(bytes, 0, bodyLength);
        byte[] expected = buffers.signature;
        try {
            mac.doFinal(expected, 0);
        } catch (ShortBufferException impossible) {
            throw new IllegalStateException(impossible);
        }
        if (!macEquals(expected, bytes, bodyLength)) {
            return CookieDecodeResult.invalid(CookieDecodeResult.BAD_SIGNATURE);
        }
        try {
            return parse(bytes, 2 + keyIdLength, bodyLength, timeGiven, epochMillis, buffers.grants);
        } catch (MalformedBody malformed) {
            return CookieDecodeResult.invalid(CookieDecodeResult.MALFORMED);
        }
    }

    /**
     * Whether the {@value #MAC_BYTES} bytes of {@code expected} equal those of {@code value} from {@code offset},
     * in constant time: every byte is compared, eight at a time, and the differences are or-ed together
     * without an early exit (as {@link MessageDigest#isEqual} does, without its per-byte index arithmetic).
     */
    static boolean macEquals(byte[] expected, byte[] value, int offset) {
        long difference = 0;
        for (int i = 0; i < MAC_BYTES; i += Long.BYTES) {
            difference |= (long) LONGS.get(expected, i) ^ (long) LONGS.get(value, offset + i);
        }
        return difference == 0;
    }

    /**
     * Whether {@code bytes[offset, offset + length)} equals {@code expected}: a plain loop, quicker than
     * {@link Arrays#equals(byte[], int, int, byte[], int, int)} for ids of a few bytes. Ids are not secret.
     */
    static boolean sameBytes(byte[] expected, byte[] bytes, int offset, int length) {
        if (length != expected.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (expected[i] != bytes[offset + i]) {
                return false;
            }
        }
        return true;
    }

    /** Thrown while parsing an inconsistent body; preallocated, without a stack trace. */
    private static final class MalformedBody extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final MalformedBody INSTANCE = new MalformedBody();

        private MalformedBody() {
            super("malformed body", null, false, false);
        }
    }

    private static void check(boolean condition) {
        if (!condition) {
            throw MalformedBody.INSTANCE;
        }
    }

    /** The byte at {@code pos}, unsigned, if {@code pos < end}. */
    private static int u8(byte[] bytes, int pos, int end) {
        check(pos < end);
        return bytes[pos] & 0xff;
    }

    /**
     * The unsigned LEB128 varint (at most 10 bytes) at {@code pos}, and the index after it:
     * {@code next[0]} is set to that index.
     */
    private static long varint(byte[] bytes, int pos, int end, int[] next) {
        long result = 0;
        for (int i = pos, shift = 0; i < pos + 10; i++, shift += 7) {
            int b = u8(bytes, i, end);
            result |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                next[0] = i + 1;
                return result;
            }
        }
        throw MalformedBody.INSTANCE;
    }

    /** Parses a verified body {@code bytes[pos, end)} after the key id; inconsistencies throw {@link MalformedBody}. */
    private CookieDecodeResult parse(byte[] bytes, int pos, int end, boolean timeGiven, long epochMillis, GrantBits bits) {
        int subjectLength = u8(bytes, pos++, end);
        check(subjectLength > 0 && subjectLength <= MAX_SUBJECT_BYTES && pos + subjectLength <= end);
        // No character check: the signature shows this codec wrote it, and encode() checks subject ids.
        String subjectId = new String(bytes, pos, subjectLength, StandardCharsets.US_ASCII);
        pos += subjectLength;
        int policyLength = u8(bytes, pos++, end);
        check(pos + policyLength <= end);
        boolean samePolicy = sameBytes(policyIdBytes, bytes, pos, policyLength);
        pos += policyLength;
        if (!samePolicy) {
            return CookieDecodeResult.invalid(CookieDecodeResult.UNKNOWN_POLICY, subjectId);
        }
        int[] next = new int[1]; // scalar-replaced by the JIT: parse() allocates no cursor
        long major = varint(bytes, pos, end, next);
        long minor = varint(bytes, next[0], end, next);
        long decidedZigzag = varint(bytes, next[0], end, next);
        long lifetime = varint(bytes, next[0], end, next);
        int methodCode = u8(bytes, next[0], end);
        long count = varint(bytes, next[0] + 1, end, next);
        pos = next[0];
        check(major >= 0 && major <= Integer.MAX_VALUE && minor >= 0 && minor <= Integer.MAX_VALUE
                && lifetime >= 0 && methodCode < METHODS.length && count >= 0 && count <= MAX_LENGTH
                && count * 4 == end - pos);
        long decided = (decidedZigzag >>> 1) ^ -(decidedZigzag & 1);
        check(decided >= Instant.MIN.getEpochSecond() && decided <= Instant.MAX.getEpochSecond()
                && lifetime <= Instant.MAX.getEpochSecond() - decided);
        long expires = decided + lifetime;
        if (Math.floorDiv(timeGiven ? epochMillis : clock.millis(), 1000L) >= expires) {
            return CookieDecodeResult.invalid(CookieDecodeResult.EXPIRED, subjectId);
        }
        Grants grants = readGrants(bytes, pos, (int) count, bits);
        PolicyVersion current = policy.version();
        PolicyVersion version = current.major() == major && current.minor() == minor
                ? current : new PolicyVersion((int) major, (int) minor);
        return CookieDecodeResult.valid(new ConsentDecision(subjectId, policy.id(), version, grants,
                METHODS[methodCode], Instant.ofEpochSecond(decided), Instant.ofEpochSecond(expires)));
    }

    /**
     * The grants of {@code count} 4-byte entries at {@code pos}, read into {@code bits}; entries for purposes the
     * policy no longer declares are skipped, and a later entry for a purpose wins.
     */
    private Grants readGrants(byte[] bytes, int pos, int count, GrantBits bits) {
        bits.clear();
        for (int i = 0; i < count; i++, pos += 4) {
            int entry = entryAt(bytes, pos);
            int bit = bitByHash.positionOf(entry >>> 1);
            if (bit >= 0) {
                bits.set(bit, (entry & 1) == 1);
            }
        }
        return layout.grants(bits);
    }

    private static int entryAt(byte[] bytes, int pos) {
        return (int) INTS.get(bytes, pos);
    }

    @Override
    public String toString() {
        return "ConsentCookieCodec[" + policy.id() + ", " + keys + "]";
    }

    /**
     * A thread's buffers for reading cookies: the value's decoded bytes, the signature computed over them, the
     * {@link Mac} of each verifying key, made on first use, and the bits the grants are read into. One per
     * thread and codec, so reading a cookie allocates none of them.
     */
    private static final class Scratch {
        final byte[] body = new byte[Base64Url.decodedLength(MAX_LENGTH)];
        final byte[] signature = new byte[MAC_BYTES];
        final Mac[] macs;
        final GrantBits grants;

        Scratch(int keyCount, int purposeCount) {
            this.macs = new Mac[keyCount];
            this.grants = new GrantBits(purposeCount);
        }
    }
}
