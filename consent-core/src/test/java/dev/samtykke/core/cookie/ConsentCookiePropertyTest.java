package dev.samtykke.core.cookie;

import dev.samtykke.core.testing.MutableClock;
import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.consent.TestPolicies;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyVersion;
import dev.samtykke.core.policy.Purpose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the cookie codec over generated inputs. Each case has its own seed, derived from the
 * base seed; a failure names the base seed and the case seed.
 * <ul>
 *   <li>{@code -Dsamtykke.properties.cases=1000000} raises the number of cases per property (default 4000;
 *       the bit-flip property runs 1/64 of them, each flipping every bit of a cookie, in bytes and in characters);</li>
 *   <li>{@code -Dsamtykke.properties.seed=…} sets the base seed (default fixed, so runs are repeatable).</li>
 * </ul>
 */
class ConsentCookiePropertyTest {

    static final long BASE_SEED = Long.getLong("samtykke.properties.seed", 0x5A3717CE2026L);
    static final int CASES = Integer.getInteger("samtykke.properties.cases", 4000);
    private static final int BATCHES = 4;
    private static final String SUBJECT_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-";
    private static final String BASE64ISH = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/. ";
    private static final Instant CLOCK_START = TestPolicies.NOW;

    /** Policies to draw from, each with a codec for it and one for the same policy with its purposes reordered. */
    private static final List<Subject> SUBJECTS = subjects();

    private record Subject(ConsentPolicy policy, ConsentCookieCodec codec, ConsentCookieCodec reorderedCodec,
                           MutableClock clock) {
    }

    private static List<Subject> subjects() {
        SplittableRandom random = new SplittableRandom(BASE_SEED);
        List<ConsentPolicy> policies = new ArrayList<>();
        policies.add(TestPolicies.shop());
        for (int size : new int[] {0, 1, 7, 20, 40, 100}) {
            policies.add(TestPolicies.generated(size, random.split()));
        }
        List<Subject> subjects = new ArrayList<>();
        for (ConsentPolicy policy : policies) {
            MutableClock clock = new MutableClock(CLOCK_START);
            subjects.add(new Subject(policy, new ConsentCookieCodec(Signing.ring1(), policy, clock),
                    new ConsentCookieCodec(Signing.ring1(), TestPolicies.reversed(policy), clock), clock));
        }
        return subjects;
    }

    static LongStream batches() {
        System.out.printf("consent cookie properties: %d cases per property, base seed %d%n", CASES, BASE_SEED);
        return LongStream.range(0, BATCHES).map(i -> new SplittableRandom(BASE_SEED + i).nextLong());
    }

    /** Runs {@code cases} cases of a property, each from its own seed, naming the seeds on any failure. */
    private static void forAll(long batchSeed, int cases, Consumer<SplittableRandom> property) {
        SplittableRandom seeds = new SplittableRandom(batchSeed);
        for (int i = 0; i < cases; i++) {
            long caseSeed = seeds.nextLong();
            try {
                property.accept(new SplittableRandom(caseSeed));
            } catch (Throwable failure) {
                throw new AssertionError("property failed for case " + i + ", case seed " + caseSeed + ", batch seed "
                        + batchSeed + " (base seed " + BASE_SEED + ": rerun with -Dsamtykke.properties.seed=" + BASE_SEED
                        + "): " + failure.getMessage(), failure);
            }
        }
    }

    @ParameterizedTest(name = "batch seed {0}")
    @MethodSource("batches")
    void arbitraryDecisionsRoundTrip(long batchSeed) {
        forAll(batchSeed, CASES / BATCHES, random -> {
            Subject subject = SUBJECTS.get(random.nextInt(SUBJECTS.size()));
            ConsentDecision decision = arbitraryDecision(random, subject.policy());
            subject.clock().set(beforeExpiry(random, decision));

            String value = subject.codec().encode(decision);
            CookieDecodeResult decoded = subject.codec().decodeUnguarded(value);
            CookieDecodeResult reordered = subject.reorderedCodec().decodeUnguarded(value);

            ConsentDecision expected = expected(decision, subject.policy());
            assertThat(value.length()).isLessThanOrEqualTo(ConsentCookieCodec.MAX_LENGTH);
            assertThat(decoded.reason()).isEqualTo(CookieDecodeResult.VALID);
            assertThat(decoded.decision()).contains(expected);
            assertThat(reordered.decision()).as("decoded by the reordered policy").contains(expected);
        });
    }

    @ParameterizedTest(name = "batch seed {0}")
    @MethodSource("batches")
    void everySingleBitFlipOfASignedValueFailsVerification(long batchSeed) {
        forAll(batchSeed, Math.max(1, CASES / BATCHES / 64), random -> {
            Subject subject = SUBJECTS.get(random.nextInt(SUBJECTS.size()));
            ConsentDecision decision = arbitraryDecision(random, subject.policy());
            subject.clock().set(beforeExpiry(random, decision));
            String value = subject.codec().encode(decision);
            assertThat(subject.codec().decodeUnguarded(value).isValid()).as("unchanged").isTrue();

            byte[] bytes = Base64Url.decode(value);
            for (int bit = 0; bit < bytes.length * 8; bit++) {
                bytes[bit >>> 3] ^= (byte) (1 << (bit & 7));
                CookieDecodeResult result = subject.codec().decodeUnguarded(Base64Url.encode(bytes));
                bytes[bit >>> 3] ^= (byte) (1 << (bit & 7));
                assertThat(result.isValid()).as("byte bit %d flipped", bit).isFalse();
                assertThat(result.subjectId()).as("nothing unverified is handed out, bit %d", bit).isEmpty();
            }
            char[] chars = value.toCharArray();
            for (int i = 0; i < chars.length; i++) {
                for (int bit = 0; bit < 16; bit++) {
                    chars[i] ^= (char) (1 << bit);
                    CookieDecodeResult result = subject.codec().decodeUnguarded(new String(chars));
                    chars[i] ^= (char) (1 << bit);
                    assertThat(result.isValid()).as("character %d bit %d flipped", i, bit).isFalse();
                }
            }
        });
    }

    @ParameterizedTest(name = "batch seed {0}")
    @MethodSource("batches")
    void arbitraryStringsNeverThrow(long batchSeed) {
        forAll(batchSeed, CASES / BATCHES, random -> {
            Subject subject = SUBJECTS.get(random.nextInt(SUBJECTS.size()));
            String value = arbitraryString(random, subject);

            CookieDecodeResult unguarded = subject.codec().decodeUnguarded(value);
            CookieDecodeResult guarded = subject.codec().decode(value);

            assertThat(guarded).isEqualTo(unguarded);
            assertThat(unguarded.isValid()).isEqualTo(CookieDecodeResult.VALID.equals(unguarded.reason()));
            unguarded.decision().ifPresent(d -> {
                Set<String> consentPurposes = subject.policy().consentPurposes().stream().map(Purpose::id)
                        .collect(Collectors.toSet());
                assertThat(d.policyId()).isEqualTo(subject.policy().id());
                assertThat(consentPurposes).containsAll(d.grants().keySet());
                assertThat(d.isExpiredAt(subject.clock().instant())).isFalse();
            });
        });
    }

    private static ConsentDecision arbitraryDecision(SplittableRandom random, ConsentPolicy policy) {
        StringBuilder subject = new StringBuilder();
        int subjectLength = random.nextInt(8) == 0 ? 1 + random.nextInt(64) : 22;
        for (int i = 0; i < subjectLength; i++) {
            subject.append(SUBJECT_CHARS.charAt(random.nextInt(SUBJECT_CHARS.length())));
        }
        PolicyVersion version = random.nextInt(4) == 0
                ? new PolicyVersion(random.nextInt(Integer.MAX_VALUE), random.nextInt(Integer.MAX_VALUE))
                : new PolicyVersion(random.nextInt(10), random.nextInt(10));
        Map<String, Boolean> grants = new HashMap<>();
        for (Purpose purpose : policy.consentPurposes()) {
            if (random.nextInt(5) != 0) {
                grants.put(purpose.id(), random.nextBoolean());
            }
        }
        if (random.nextInt(4) == 0) {
            grants.put("removed-" + random.nextInt(1000), random.nextBoolean());
        }
        ConsentMethod method = ConsentMethod.values()[random.nextInt(ConsentMethod.values().length)];
        long decided = random.nextLong(-10_000_000_000L, 10_000_000_000L);
        int nanos = random.nextBoolean() ? 0 : random.nextInt(1_000_000_000);
        long lifetime = random.nextInt(10) == 0 ? random.nextLong(0, 3_000_000_000L) : random.nextLong(0, 40_000_000L);
        Instant decidedAt = Instant.ofEpochSecond(decided, nanos);
        Instant expiresAt = Instant.ofEpochSecond(decided + lifetime, random.nextInt(1_000_000_000));
        if (expiresAt.isBefore(decidedAt)) {
            expiresAt = decidedAt;
        }
        return new ConsentDecision(subject.toString(), policy.id(), version, grants, method, decidedAt, expiresAt);
    }

    /** What a decision reads back as: whole seconds, only the policy's consent purposes. */
    private static ConsentDecision expected(ConsentDecision decision, ConsentPolicy policy) {
        Map<String, Boolean> grants = new HashMap<>(decision.grants());
        grants.keySet().removeIf(id -> policy.purpose(id).map(p -> !p.requiresConsent()).orElse(true));
        return new ConsentDecision(decision.subjectId(), decision.policyId(), decision.policyVersion(), grants,
                decision.method(), Instant.ofEpochSecond(decision.decidedAt().getEpochSecond()),
                Instant.ofEpochSecond(decision.expiresAt().getEpochSecond()));
    }

    /** A moment at which the decision, as encoded (whole seconds), has not expired. */
    private static Instant beforeExpiry(SplittableRandom random, ConsentDecision decision) {
        long expires = decision.expiresAt().getEpochSecond();
        return Instant.ofEpochMilli(expires * 1000 - 1 - random.nextLong(0, 10_000_000_000L));
    }

    private static String arbitraryString(SplittableRandom random, Subject subject) {
        switch (random.nextInt(7)) {
            case 0: { // any UTF-16 units, surrogates and controls included
                StringBuilder s = new StringBuilder();
                int length = random.nextInt(300);
                for (int i = 0; i < length; i++) {
                    s.append((char) random.nextInt(Character.MAX_VALUE + 1));
                }
                return s.toString();
            }
            case 1: { // code points of every plane
                StringBuilder s = new StringBuilder();
                int length = random.nextInt(200);
                for (int i = 0; i < length; i++) {
                    s.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1) & ~0x800 | (random.nextBoolean() ? 0 : 0x41));
                }
                return s.toString();
            }
            case 2: // base64-ish of any length around the limit
                return fromAlphabet(random, BASE64ISH, random.nextInt(ConsentCookieCodec.MAX_LENGTH + 20));
            case 3: // huge
                return fromAlphabet(random, BASE64ISH.substring(0, 64), ConsentCookieCodec.MAX_LENGTH + 1
                        + random.nextInt(random.nextInt(10) == 0 ? 100_000 : 5000));
            case 4: { // random bytes that look like our format, signed with the right key
                byte[] body = new byte[random.nextInt(1, 300)];
                random.nextBytes(body);
                body[0] = 1;
                if (body.length > 4 && random.nextBoolean()) {
                    body[1] = 2;
                    body[2] = 'k';
                    body[3] = '1';
                }
                return random.nextBoolean() ? Signing.sign(body, Signing.KEY_1) : Base64Url.encode(body);
            }
            case 5: { // a real cookie with some bytes changed and signed again
                String value = subject.codec().encode(arbitraryDecision(random, subject.policy()));
                byte[] body = Signing.body(value);
                int changes = 1 + random.nextInt(3);
                for (int i = 0; i < changes; i++) {
                    body[random.nextInt(5, body.length)] = (byte) random.nextInt(256);
                }
                return Signing.sign(body, Signing.KEY_1);
            }
            default: { // a real cookie cut, extended, spliced or with characters replaced
                String value = subject.codec().encode(arbitraryDecision(random, subject.policy()));
                StringBuilder s = new StringBuilder(value);
                int edits = 1 + random.nextInt(3);
                for (int i = 0; i < edits && s.length() > 0; i++) {
                    int at = random.nextInt(s.length());
                    switch (random.nextInt(4)) {
                        case 0 -> s.setLength(at);
                        case 1 -> s.insert(at, BASE64ISH.charAt(random.nextInt(BASE64ISH.length())));
                        case 2 -> s.setCharAt(at, BASE64ISH.charAt(random.nextInt(BASE64ISH.length())));
                        default -> s.append(value, 0, Math.min(at, value.length()));
                    }
                }
                return s.toString();
            }
        }
    }

    private static String fromAlphabet(SplittableRandom random, String alphabet, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(chars);
    }
}
