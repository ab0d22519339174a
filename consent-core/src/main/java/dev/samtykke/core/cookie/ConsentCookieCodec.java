package dev.samtykke.core.cookie;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyVersion;
import dev.samtykke.core.policy.Purpose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a {@link ConsentDecision} into a compact signed cookie value and reads it back.
 *
 * <p>The value is base64url (no padding) of {@code body || HMAC-SHA256(key, body)}, where the body is,
 * in format version 1: the version byte {@code 0x01}; the key id, subject id and policy id, each as a
 * length byte and ASCII; the policy MAJOR and MINOR; the decision time in epoch seconds; the seconds
 * until expiry; the method; and one 4-byte entry per consent-based purpose: a 31-bit hash of the
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
    private static final int MAX_SUBJECT_BYTES = 64;
    /** Format-1 method codes: the position in this array. Append only. */
    private static final ConsentMethod[] METHODS = {ConsentMethod.ACCEPT_ALL, ConsentMethod.REJECT_ALL,
            ConsentMethod.CUSTOM, ConsentMethod.WITHDRAW, ConsentMethod.GPC, ConsentMethod.API};
    /** The shortest body: version, three one-byte ids, two versions, two times, method, count. */
    private static final int MIN_BODY = 1 + 2 + 2 + 2 + 1 + 1 + 1 + 1 + 1 + 1;
    private static final int CACHED_GRANTS = 4096;

    private final KeyRing keys;
    private final ConsentPolicy policy;
    private final Clock clock;
    private final byte[] policyIdBytes;
    /** Hashes of the consent-based purposes, sorted, and the purpose ids in the same order. */
    private final int[] hashes;
    private final String[] hashIds;
    private final Map<String, Integer> hashById;
    /**
     * For policies of at most 64 consent-based purposes: the grants maps of decisions covering every
     * purpose, by the bit set of granted purposes (bit i = {@code hashIds[i]}), made on first use, at most
     * {@value #CACHED_GRANTS} of them. A {@link ConsentDecision} keeps the grants map of another decision as it
     * is, so decoding such a cookie allocates no map. Immutable values, so sharing them between threads is safe.
     */
    private final Map<Long, Map<String, Boolean>> grantsByMask = new ConcurrentHashMap<>();
    /**
     * Per thread: buffers for the value's characters, its decoded bytes and the signature it carries, so
     * that reading a cookie allocates none of them. JDK types only, so a thread pool outliving an
     * application keeps no class of ours alive.
     */
    private final ThreadLocal<Object[]> scratch = ThreadLocal.withInitial(() -> new Object[] {
            new char[MAX_LENGTH], new byte[Base64Url.decodedLength(MAX_LENGTH)], new byte[MAC_BYTES]});

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
        this.policyIdBytes = ascii(policy.id(), "policy id");
        List<Purpose> purposes = policy.consentPurposes();
        int worst = 1 + (1 + 32) + (1 + MAX_SUBJECT_BYTES) + (1 + policyIdBytes.length) + 5 + 5 + 10 + 10 + 1 + 3
                + 4 * purposes.size() + MAC_BYTES;
        if ((worst * 4 + 2) / 3 > MAX_LENGTH) {
            throw new IllegalArgumentException("policy '" + policy.id() + "' has " + purposes.size()
                    + " consent-based purposes: too many for a consent cookie of at most " + MAX_LENGTH + " characters");
        }
        Map<Integer, String> byHash = new HashMap<>();
        this.hashById = new HashMap<>();
        for (Purpose purpose : purposes) {
            int hash = hash(purpose.id());
            String clash = byHash.putIfAbsent(hash, purpose.id());
            if (clash != null && !clash.equals(purpose.id())) {
                throw new IllegalArgumentException("purposes '" + clash + "' and '" + purpose.id()
                        + "' have the same consent-cookie hash; rename one of them");
            }
            hashById.put(purpose.id(), hash);
        }
        this.hashes = byHash.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        this.hashIds = Arrays.stream(hashes).mapToObj(byHash::get).toArray(String[]::new);
    }

    /** The shared grants map of a decision covering every consent-based purpose, granting those in {@code mask}. */
    private Map<String, Boolean> fullGrants(long mask) {
        Map<String, Boolean> grants = grantsByMask.get(mask);
        if (grants == null) {
            Map<String, Boolean> map = new HashMap<>();
            for (int i = 0; i < hashIds.length; i++) {
                map.put(hashIds[i], (mask & 1L << i) != 0);
            }
            // The decision's compact constructor turns the map into its immutable form; keep that.
            grants = new ConsentDecision("cache", policy.id(), policy.version(), map, ConsentMethod.API, Instant.EPOCH,
                    Instant.EPOCH).grants();
            if (grantsByMask.size() < CACHED_GRANTS) {
                grantsByMask.putIfAbsent(mask, grants);
            }
        }
        return grants;
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
            Integer hash = hashById.get(grant.getKey());
            if (hash != null) {
                entries[count++] = hash << 1 | (Boolean.TRUE.equals(grant.getValue()) ? 1 : 0);
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
     * Reads and verifies a cookie value. Never throws.
     *
     * @param cookieValue the value, or {@code null} when the request has no consent cookie
     * @return the decision, or none with the reason
     */
    public CookieDecodeResult decode(String cookieValue) {
        CookieDecodeResult result;
        try {
            result = decodeUnguarded(cookieValue);
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
        if (value == null || value.isEmpty()) {
            return CookieDecodeResult.invalid(CookieDecodeResult.MISSING);
        }
        if (value.length() > MAX_LENGTH) {
            return CookieDecodeResult.invalid(CookieDecodeResult.TOO_LONG);
        }
        Object[] buffers = scratch.get();
        char[] chars = (char[]) buffers[0];
        byte[] bytes = (byte[]) buffers[1];
        value.getChars(0, value.length(), chars, 0);
        int length = Base64Url.decode(chars, value.length(), bytes);
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
        KeyRing.Key key = keys.find(bytes, 2, keyIdLength);
        if (key == null) {
            return CookieDecodeResult.invalid(CookieDecodeResult.UNKNOWN_KEY);
        }
        Mac mac = key.mac();
        mac.update(bytes, 0, bodyLength);
        byte[] expected = mac.doFinal();
        byte[] received = (byte[]) buffers[2];
        System.arraycopy(bytes, bodyLength, received, 0, MAC_BYTES);
        if (!MessageDigest.isEqual(expected, received)) {
            return CookieDecodeResult.invalid(CookieDecodeResult.BAD_SIGNATURE);
        }
        try {
            return parse(bytes, 2 + keyIdLength, bodyLength);
        } catch (MalformedBody malformed) {
            return CookieDecodeResult.invalid(CookieDecodeResult.MALFORMED);
        }
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
    private CookieDecodeResult parse(byte[] bytes, int pos, int end) {
        int subjectLength = u8(bytes, pos++, end);
        check(subjectLength > 0 && subjectLength <= MAX_SUBJECT_BYTES && pos + subjectLength <= end);
        // No character check: the signature shows this codec wrote it, and encode() checks subject ids.
        String subjectId = new String(bytes, pos, subjectLength, StandardCharsets.US_ASCII);
        pos += subjectLength;
        int policyLength = u8(bytes, pos++, end);
        check(pos + policyLength <= end);
        boolean samePolicy = Arrays.equals(policyIdBytes, 0, policyIdBytes.length, bytes, pos, pos + policyLength);
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
        if (Math.floorDiv(clock.millis(), 1000L) >= expires) {
            return CookieDecodeResult.invalid(CookieDecodeResult.EXPIRED, subjectId);
        }
        Map<String, Boolean> grants = readGrants(bytes, pos, (int) count);
        PolicyVersion current = policy.version();
        PolicyVersion version = current.major() == major && current.minor() == minor
                ? current : new PolicyVersion((int) major, (int) minor);
        return CookieDecodeResult.valid(new ConsentDecision(subjectId, policy.id(), version, grants,
                METHODS[methodCode], Instant.ofEpochSecond(decided), Instant.ofEpochSecond(expires)));
    }

    /** The grants of {@code count} 4-byte entries at {@code pos}; entries for undeclared purposes are skipped. */
    private Map<String, Boolean> readGrants(byte[] bytes, int pos, int count) {
        boolean masks = hashes.length <= 64;
        Map<String, Boolean> grants = masks ? null : new HashMap<>(count * 2);
        long covered = 0;
        long granted = 0;
        for (int i = 0; i < count; i++, pos += 4) {
            int entry = (bytes[pos] & 0xff) << 24 | (bytes[pos + 1] & 0xff) << 16 | (bytes[pos + 2] & 0xff) << 8
                    | (bytes[pos + 3] & 0xff);
            int found = Arrays.binarySearch(hashes, entry >>> 1);
            if (found < 0) {
                continue; // a purpose the policy no longer declares
            }
            if (masks) {
                covered |= 1L << found;
                granted = (granted & ~(1L << found)) | (long) (entry & 1) << found;
            } else {
                grants.put(hashIds[found], (entry & 1) == 1);
            }
        }
        if (!masks) {
            return grants;
        }
        if (covered == -1L >>> (64 - hashes.length) || hashes.length == 0) {
            return fullGrants(granted);
        }
        Map<String, Boolean> partial = new HashMap<>();
        for (int i = 0; i < hashIds.length; i++) {
            if ((covered & 1L << i) != 0) {
                partial.put(hashIds[i], (granted & 1L << i) != 0);
            }
        }
        return partial;
    }

    @Override
    public String toString() {
        return "ConsentCookieCodec[" + policy.id() + ", " + keys + "]";
    }
}
