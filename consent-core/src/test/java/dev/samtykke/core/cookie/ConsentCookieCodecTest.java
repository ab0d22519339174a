package dev.samtykke.core.cookie;

import dev.samtykke.core.testing.MutableClock;
import dev.samtykke.core.testing.UnreadableClock;
import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.consent.TestPolicies;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyVersion;
import dev.samtykke.core.policy.Purpose;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.samtykke.core.consent.TestPolicies.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsentCookieCodecTest {

    private static final ConsentPolicy SHOP = TestPolicies.shop();
    private static final Clock CLOCK = TestPolicies.clockAt(NOW);
    private static final String SUBJECT = "c3ViamVjdC1pZC0xMjM0NQ";

    private final ConsentEvaluator evaluator = new ConsentEvaluator(SHOP, CLOCK);
    private final ConsentCookieCodec codec = new ConsentCookieCodec(Signing.ring1(), SHOP, CLOCK);
    private final ConsentDecision custom = evaluator.decide(SUBJECT, ConsentMethod.CUSTOM,
            Map.of("language", true, "stats", true, "ads", false));

    @Test
    void roundTripsADecision() {
        String value = codec.encode(custom);

        CookieDecodeResult result = codec.decode(value);

        assertThat(value).matches("[A-Za-z0-9_-]+");
        assertThat(result.isValid()).isTrue();
        assertThat(result.reason()).isEqualTo(CookieDecodeResult.VALID);
        assertThat(result.decision()).contains(custom);
        assertThat(result.subjectId()).contains(SUBJECT);
    }

    /** Given a time, the codec judges expiry by it and never reads its clock. */
    @Test
    void judgesExpiryAtAGivenTimeWithoutReadingTheClock() {
        Clock broken = new UnreadableClock();
        ConsentCookieCodec timeless = new ConsentCookieCodec(Signing.ring1(), SHOP, broken);
        String value = codec.encode(custom);
        long expires = custom.expiresAt().toEpochMilli();

        assertThat(timeless.decode(value, expires - 1).decision()).contains(custom);
        assertThat(timeless.decode(value, expires).reason()).isEqualTo(CookieDecodeResult.EXPIRED);
        assertThat(timeless.decode(value, NOW.minusSeconds(3600).toEpochMilli()).isValid()).isTrue();
        assertThat(timeless.decode(value).reason()).as("without a time, the clock is read (and fails here)")
                .isEqualTo(CookieDecodeResult.MALFORMED);
    }

    @Test
    void roundTripsEveryMethod() {
        for (ConsentMethod method : ConsentMethod.values()) {
            ConsentDecision decision = evaluator.decide(SUBJECT, method, Map.of("stats", true));

            assertThat(codec.decode(codec.encode(decision)).decision()).as(method.id()).contains(decision);
        }
    }

    @Test
    void keepsWholeSecondsOnly() {
        ConsentDecision precise = new ConsentDecision(SUBJECT, "shop", SHOP.version(), Map.of("stats", true),
                ConsentMethod.API, NOW.minusMillis(1500), NOW.plusMillis(86_400_700));

        ConsentDecision decoded = codec.decode(codec.encode(precise)).decision().orElseThrow();

        assertThat(decoded.decidedAt()).isEqualTo(NOW.minusSeconds(2));
        assertThat(decoded.expiresAt()).isEqualTo(NOW.plusSeconds(86_400));
    }

    @Test
    void isRobustToThePolicyReorderingItsPurposes() {
        ConsentPolicy reordered = TestPolicies.reversed(SHOP);
        ConsentCookieCodec reorderedCodec = new ConsentCookieCodec(Signing.ring1(), reordered, CLOCK);

        ConsentDecision decoded = reorderedCodec.decode(codec.encode(custom)).decision().orElseThrow();

        assertThat(decoded.grants()).isEqualTo(custom.grants());
    }

    @Test
    void ignoresAPurposeThePolicyNoLongerDeclares() {
        ConsentPolicy withoutRetargeting = SHOP.toBuilder().version("2.2")
                .purposes(SHOP.purposes().stream().filter(p -> !p.id().equals("retargeting")).toList())
                .services(SHOP.services().stream().filter(s -> !s.purposes().contains("retargeting")).toList())
                .build();
        ConsentCookieCodec newer = new ConsentCookieCodec(Signing.ring1(), withoutRetargeting, CLOCK);

        ConsentDecision decoded = newer.decode(codec.encode(evaluator.acceptAll(SUBJECT))).decision().orElseThrow();

        assertThat(decoded.grants()).containsOnlyKeys("language", "stats", "ads");
        assertThat(decoded.policyVersion()).as("the version it was given for").isEqualTo(new PolicyVersion(2, 1));
    }

    @Test
    void leavesOutGrantsForPurposesThatAreNotConsentPurposesOfThePolicy() {
        ConsentDecision withExtras = new ConsentDecision(SUBJECT, "shop", SHOP.version(),
                Map.of("stats", true, "security", false, "legacy", true), ConsentMethod.API, NOW, NOW.plusSeconds(60));

        assertThat(codec.decode(codec.encode(withExtras)).decision().orElseThrow().grants()).isEqualTo(Map.of("stats", true));
    }

    @Test
    void rejectsAMissingValue() {
        assertThat(codec.decode(null).reason()).isEqualTo(CookieDecodeResult.MISSING);
        assertThat(codec.decode("").reason()).isEqualTo(CookieDecodeResult.MISSING);
        assertThat(codec.decode(null).decision()).isEmpty();
    }

    @Test
    void rejectsAnOversizedValueBeforeDecodingIt() {
        String signedButLong = codec.encode(custom) + "A".repeat(ConsentCookieCodec.MAX_LENGTH);

        assertThat(codec.decode("!".repeat(ConsentCookieCodec.MAX_LENGTH + 1)).reason())
                .as("not even looked at as base64").isEqualTo(CookieDecodeResult.TOO_LONG);
        assertThat(codec.decode(signedButLong).reason()).isEqualTo(CookieDecodeResult.TOO_LONG);
        assertThat(codec.decode("!".repeat(ConsentCookieCodec.MAX_LENGTH)).reason()).as("at the limit it is read").isEqualTo(CookieDecodeResult.MALFORMED);
    }

    @Test
    void rejectsAValueThatIsNotCanonicalBase64Url() {
        String value = codec.encode(custom);

        assertThat(codec.decode(value + "=").reason()).as("padding").isEqualTo(CookieDecodeResult.MALFORMED);
        assertThat(codec.decode(value.replace('-', '+').replace('_', '/')).isValid()).isEqualTo(value.matches("[A-Za-z0-9]+"));
        assertThat(codec.decode("not a cookie").reason()).isEqualTo(CookieDecodeResult.MALFORMED);
        assertThat(codec.decode("AAAA").reason()).as("too short").isEqualTo(CookieDecodeResult.MALFORMED);
    }

    @Test
    void rejectsATamperedValue() {
        String value = codec.encode(custom);
        byte[] body = Signing.body(value);
        byte[] mac = Arrays.copyOfRange(java.util.Base64.getUrlDecoder().decode(value), body.length, body.length + 32);
        // Grant "ads" by flipping the grant bit of its entry, keeping the old signature.
        int entries = body.length - 4 * 4;
        for (int i = entries; i < body.length; i += 4) {
            body[i + 3] ^= 1;
        }
        byte[] forged = Arrays.copyOf(body, body.length + 32);
        System.arraycopy(mac, 0, forged, body.length, 32);

        CookieDecodeResult result = codec.decode(Base64Url.encode(forged));

        assertThat(result.reason()).isEqualTo(CookieDecodeResult.BAD_SIGNATURE);
        assertThat(result.subjectId()).as("nothing unverified is handed out").isEmpty();
    }

    @Test
    void rejectsATruncatedValue() {
        String value = codec.encode(custom);

        for (int cut = 1; cut < value.length(); cut++) {
            assertThat(codec.decode(value.substring(0, value.length() - cut)).isValid()).as("cut %d", cut).isFalse();
        }
    }

    @Test
    void rejectsAnUnsupportedVersionEvenWhenSigned() {
        byte[] body = Signing.body(codec.encode(custom));
        body[0] = 2;

        assertThat(codec.decode(Signing.sign(body, Signing.KEY_1)).reason()).isEqualTo(CookieDecodeResult.UNSUPPORTED_VERSION);
    }

    @Test
    void rejectsAValueSignedUnderAnUnknownKeyId() {
        KeyRing other = KeyRing.fromBase64("k2", Signing.KEY_2_BASE64, Map.of());
        String value = new ConsentCookieCodec(other, SHOP, CLOCK).encode(custom);

        assertThat(codec.decode(value).reason()).isEqualTo(CookieDecodeResult.UNKNOWN_KEY);
    }

    @Test
    void rejectsAValueSignedWithAnotherKeyUnderTheSameId() {
        KeyRing impostor = KeyRing.fromBase64("k1", Signing.KEY_2_BASE64, Map.of());
        String value = new ConsentCookieCodec(impostor, SHOP, CLOCK).encode(custom);

        assertThat(codec.decode(value).reason()).isEqualTo(CookieDecodeResult.BAD_SIGNATURE);
    }

    @Test
    void rotatesKeysWithoutLoggingVisitorsOut() {
        String oldCookie = codec.encode(custom);
        KeyRing rotated = KeyRing.fromBase64("k2", Signing.KEY_2_BASE64, Map.of("k1", Signing.KEY_1_BASE64));
        ConsentCookieCodec rotatedCodec = new ConsentCookieCodec(rotated, SHOP, CLOCK);
        KeyRing retired = KeyRing.fromBase64("k2", Signing.KEY_2_BASE64, Map.of());

        String newCookie = rotatedCodec.encode(custom);

        assertThat(rotatedCodec.decode(oldCookie).decision()).as("old cookie still verifies").contains(custom);
        assertThat(rotatedCodec.decode(newCookie).decision()).contains(custom);
        assertThat(codec.decode(newCookie).reason()).as("old instances do not know k2 yet").isEqualTo(CookieDecodeResult.UNKNOWN_KEY);
        assertThat(new ConsentCookieCodec(retired, SHOP, CLOCK).decode(oldCookie).reason())
                .as("after k1 is retired").isEqualTo(CookieDecodeResult.UNKNOWN_KEY);
    }

    @Test
    void rejectsAValueForAnotherPolicyButKeepsItsSubjectId() {
        ConsentPolicy other = SHOP.toBuilder().id("other").build();
        ConsentDecision forOther = new ConsentEvaluator(other, CLOCK).acceptAll(SUBJECT);
        String value = new ConsentCookieCodec(Signing.ring1(), other, CLOCK).encode(forOther);

        CookieDecodeResult result = codec.decode(value);

        assertThat(result.reason()).isEqualTo(CookieDecodeResult.UNKNOWN_POLICY);
        assertThat(result.decision()).isEmpty();
        assertThat(result.subjectId()).contains(SUBJECT);
    }

    @Test
    void rejectsAnExpiredValueButKeepsItsSubjectId() {
        MutableClock clock = new MutableClock(NOW);
        ConsentCookieCodec timed = new ConsentCookieCodec(Signing.ring1(), SHOP, clock);
        String value = timed.encode(custom);

        clock.set(custom.expiresAt().minusMillis(1));
        assertThat(timed.decode(value).isValid()).as("just before expiry").isTrue();
        clock.set(custom.expiresAt());
        CookieDecodeResult expired = timed.decode(value);

        assertThat(expired.reason()).isEqualTo(CookieDecodeResult.EXPIRED);
        assertThat(expired.decision()).isEmpty();
        assertThat(expired.subjectId()).contains(SUBJECT);
    }

    @Test
    void decodesAnOlderMajorVersionAndLeavesItToTheEvaluator() {
        ConsentDecision old = new ConsentDecision(SUBJECT, "shop", new PolicyVersion(1, 3), Map.of("stats", true),
                ConsentMethod.CUSTOM, NOW, NOW.plus(Duration.ofDays(1)));

        ConsentDecision decoded = codec.decode(codec.encode(old)).decision().orElseThrow();

        assertThat(decoded).isEqualTo(old);
        assertThat(evaluator.evaluate(decoded, false).decision()).isEmpty();
    }

    @Test
    void reportsASignedButMalformedBodyAsMalformed() {
        byte[] body = Signing.body(codec.encode(custom));

        for (int cut = 1; cut < body.length - 4; cut++) {
            String value = Signing.sign(Arrays.copyOf(body, body.length - cut), Signing.KEY_1);
            assertThat(codec.decode(value).isValid()).as("cut %d", cut).isFalse();
        }
        String withTrailingByte = Signing.sign(Arrays.copyOf(body, body.length + 1), Signing.KEY_1);
        assertThat(codec.decode(withTrailingByte).reason()).isEqualTo(CookieDecodeResult.MALFORMED);
    }

    @Test
    void encodeRefusesADecisionForAnotherPolicy() {
        ConsentDecision foreign = new ConsentDecision(SUBJECT, "other", SHOP.version(), Map.of(), ConsentMethod.API, NOW, NOW);

        assertThatThrownBy(() -> codec.encode(foreign)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("policy 'other'");
    }

    @Test
    void encodeRefusesASubjectIdThatIsNotAPlainToken() {
        ConsentDecision personal = new ConsentDecision("someone@example.com", "shop", SHOP.version(), Map.of(),
                ConsentMethod.API, NOW, NOW);

        assertThatThrownBy(() -> codec.encode(personal)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject id").hasMessageNotContaining("someone");
    }

    @Test
    void refusesAPolicyWithMorePurposesThanACookieHolds() {
        ConsentPolicy huge = TestPolicies.generated(200, new SplittableRandom(7));

        assertThatThrownBy(() -> new ConsentCookieCodec(Signing.ring1(), huge, CLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("200 consent-based purposes");
    }

    @Test
    void hashesPurposeIdsStablyIntoThirtyOneBits() {
        assertThat(ConsentCookieCodec.hash("analytics")).isEqualTo(ConsentCookieCodec.hash("analytics")).isNotNegative();
        assertThat(ConsentCookieCodec.hash("analytics")).isNotEqualTo(ConsentCookieCodec.hash("marketing"));
        // SHA-256("stats") begins 0x1d25f80f...; the hash is its first 31 bits.
        assertThat(ConsentCookieCodec.hash("stats")).isEqualTo(sha256Prefix("stats") >>> 1);
    }

    private static int sha256Prefix(String text) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.nio.ByteBuffer.wrap(d).getInt();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void worksWithADevelopmentKeyRing() {
        ConsentCookieCodec dev = new ConsentCookieCodec(KeyRing.development(), SHOP, CLOCK);
        ConsentCookieCodec otherInstance = new ConsentCookieCodec(KeyRing.development(), SHOP, CLOCK);

        String value = dev.encode(custom);

        assertThat(dev.decode(value).decision()).contains(custom);
        assertThat(otherInstance.decode(value).reason()).as("another random key").isEqualTo(CookieDecodeResult.BAD_SIGNATURE);
    }

    @Test
    void grantsReadFromACookieAreTheCompactBitFormInIdOrder() {
        Map<String, Boolean> grants = codec.decode(codec.encode(custom)).decision().orElseThrow().grants();

        assertThat(grants).isEqualTo(custom.grants()).hasToString(custom.grants().toString());
        assertThat(grants.keySet()).containsExactlyElementsOf(new java.util.TreeMap<>(custom.grants()).keySet());
        assertThat(grants.getClass().getName()).isEqualTo("dev.samtykke.core.internal.Grants");
    }

    /** The evaluator reads one representation: decisions made from any map hold the same type as those read from cookies. */
    @Test
    void decisionsFromMapsHoldTheSameGrantsTypeAsDecisionsFromCookies() {
        Map<String, Boolean> fromCookie = codec.decode(codec.encode(custom)).decision().orElseThrow().grants();
        ConsentDecision fromMap = new ConsentDecision(SUBJECT, "shop", custom.policyVersion(),
                new java.util.HashMap<>(custom.grants()), custom.method(), custom.decidedAt(), custom.expiresAt());

        assertThat(fromMap.grants().getClass()).isSameAs(fromCookie.getClass());
        assertThat(custom.grants().getClass()).isSameAs(fromCookie.getClass());
        assertThat(fromMap.grants()).isEqualTo(fromCookie);
    }

    @Test
    void policiesOfMoreThan64ConsentPurposesReadGrantsAsBitsToo() {
        ConsentPolicy seventy = TestPolicies.generated(70, new SplittableRandom(70));
        ConsentEvaluator e = new ConsentEvaluator(seventy, CLOCK);
        ConsentCookieCodec c = new ConsentCookieCodec(Signing.ring1(), seventy, CLOCK);
        java.util.List<String> ids = seventy.consentPurposes().stream().map(Purpose::id).toList();
        Map<String, Boolean> choices = new java.util.HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            choices.put(ids.get(i), i % 3 == 0);
        }
        ConsentDecision decision = e.decide(SUBJECT, ConsentMethod.CUSTOM, choices);

        ConsentDecision decoded = c.decode(c.encode(decision)).decision().orElseThrow();

        assertThat(decoded).isEqualTo(decision);
        assertThat(decoded.grants()).hasSize(70).isEqualTo(choices);
        assertThat(decoded.grants().getClass().getName()).isEqualTo("dev.samtykke.core.internal.Grants");
        assertThat(e.evaluate(decoded, false).granted()).isEqualTo(e.evaluate(decision, false).granted());
    }

    @Test
    void resultsNeverShowTheSubjectId() {
        assertThat(codec.decode(codec.encode(custom)).toString()).doesNotContain(SUBJECT).contains("valid");
    }

    @Test
    void purposeIdsAreNotWrittenIntoTheCookie() {
        String body = new String(Signing.body(codec.encode(custom)), java.nio.charset.StandardCharsets.ISO_8859_1);

        for (Purpose purpose : SHOP.consentPurposes()) {
            assertThat(body).doesNotContain(purpose.id());
        }
        assertThat(body).contains("shop").contains(SUBJECT).contains("k1");
    }
}
