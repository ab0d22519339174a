package dev.samtykke.servlet.internal;

import dev.samtykke.core.testing.MutableClock;
import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.cookie.ConsentCookieCodec;
import dev.samtykke.core.cookie.CookieDecodeResult;
import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedCookiesTest {

    private static final ConsentPolicy POLICY = PolicyLoader.fromClasspath("policies/jackon.json");
    private static final KeyRing KEYS = KeyRing.fromBase64("t1",
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes()), Map.of());

    @Test
    void validCookieIsVerifiedOnceAndAnsweredFromTheCache() {
        ConsentCookieCodec codec = new ConsentCookieCodec(KEYS, POLICY, Clock.systemUTC());
        VerifiedCookies cookies = new VerifiedCookies(codec);
        String value = codec.encode(new ConsentEvaluator(POLICY, Clock.systemUTC()).acceptAll(ConsentEvaluator.newSubjectId()));

        CookieDecodeResult first = cookies.decode(value);
        CookieDecodeResult second = cookies.decode(value);

        assertThat(first.isValid()).isTrue();
        assertThat(second).isSameAs(first);
        assertThat(cookies.size()).isEqualTo(1);
    }

    @Test
    void invalidCookiesAreNeverCached() {
        ConsentCookieCodec codec = new ConsentCookieCodec(KEYS, POLICY, Clock.systemUTC());
        VerifiedCookies cookies = new VerifiedCookies(codec);
        String value = codec.encode(new ConsentEvaluator(POLICY, Clock.systemUTC()).acceptAll(ConsentEvaluator.newSubjectId()));
        String tampered = value.substring(0, 10) + (value.charAt(10) == 'A' ? 'B' : 'A') + value.substring(11);

        assertThat(cookies.decode(tampered).isValid()).isFalse();
        assertThat(cookies.decode("x".repeat(5000)).isValid()).isFalse();
        assertThat(cookies.decode(null).isValid()).isFalse();
        assertThat(cookies.size()).isZero();
    }

    @Test
    void cachedDecisionStillExpiresWhenItsTimeComes() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
        ConsentCookieCodec codec = new ConsentCookieCodec(KEYS, POLICY, clock);
        ConsentEvaluator evaluator = new ConsentEvaluator(POLICY, clock);
        VerifiedCookies cookies = new VerifiedCookies(codec);
        ConsentDecision decision = evaluator.acceptAll(ConsentEvaluator.newSubjectId());
        String value = codec.encode(decision);
        assertThat(evaluator.evaluate(cookies.decode(value).decision().orElse(null), false).allows("analytics")).isTrue();

        clock.set(decision.expiresAt().plusSeconds(1));

        var state = evaluator.evaluate(cookies.decode(value).decision().orElse(null), false);
        assertThat(state.allows("analytics")).isFalse();
        assertThat(state.needsPrompt()).isTrue();
    }

    @Test
    void theCacheIsBoundedAndSpreadsValuesOverItsSlots() {
        ConsentCookieCodec codec = new ConsentCookieCodec(KEYS, POLICY, Clock.systemUTC());
        ConsentEvaluator evaluator = new ConsentEvaluator(POLICY, Clock.systemUTC());
        VerifiedCookies cookies = new VerifiedCookies(codec);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 2 * VerifiedCookies.MAX_ENTRIES; i++) {
            String value = codec.encode(evaluator.rejectAll(ConsentEvaluator.newSubjectId()));
            values.add(value);
            cookies.decode(value);
        }

        // 8192 random values in 4096 slots leave about 4096 * e^-2 = 554 empty.
        assertThat(cookies.size()).isBetween(VerifiedCookies.MAX_ENTRIES - 700, VerifiedCookies.MAX_ENTRIES - 400);
        String last = values.get(values.size() - 1);
        assertThat(cookies.decode(last)).as("the newest value is answered from the cache").isSameAs(cookies.decode(last));
    }

    @Test
    void aValueThatLostItsSlotIsVerifiedAgainAndStillValid() {
        ConsentCookieCodec codec = new ConsentCookieCodec(KEYS, POLICY, Clock.systemUTC());
        ConsentEvaluator evaluator = new ConsentEvaluator(POLICY, Clock.systemUTC());
        VerifiedCookies cookies = new VerifiedCookies(codec);
        String first = codec.encode(evaluator.acceptAll(ConsentEvaluator.newSubjectId()));
        CookieDecodeResult cached = cookies.decode(first);
        String rival;
        do {
            rival = codec.encode(evaluator.rejectAll(ConsentEvaluator.newSubjectId()));
        } while (VerifiedCookies.slotOf(rival) != VerifiedCookies.slotOf(first));
        cookies.decode(rival);

        CookieDecodeResult again = cookies.decode(first);

        assertThat(again).isNotSameAs(cached).isEqualTo(cached);
        assertThat(again.isValid()).isTrue();
    }
}
