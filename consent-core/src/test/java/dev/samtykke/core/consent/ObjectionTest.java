package dev.samtykke.core.consent;

import dev.samtykke.core.cookie.ConsentCookieCodec;
import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.core.ledger.InMemoryConsentLedger;
import dev.samtykke.core.ledger.NewConsentRecord;
import dev.samtykke.core.ledger.spi.KnownPolicies;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.core.policy.PolicyVersion;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.samtykke.core.consent.TestPolicies.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The right to object (GDPR Art. 21) to a legitimate-interest purpose the policy marks {@code objectable}. */
class ObjectionTest {

    /** The shop with an objectable legitimate-interest purpose (newsletter) served by a cookie-less mailer. */
    static final ConsentPolicy SHOP_WITH_NEWSLETTER = PolicyLoader.fromString(TestPolicies.SHOP_JSON
            .replace("""
                    "purposes": [
                    """, """
                    "purposes": [
                      {"id": "newsletter", "category": "marketing", "legalBasis": "legitimate-interest", "objectable": true,
                       "title": "Offers", "description": "Offering our products", "dataCategories": ["device"], "retention": "P2Y"},
                    """)
            .replace("""
                    "services": [
                    """, """
                    "services": [
                      {"id": "mailer", "name": "Mailer", "provider": {"name": "Shop Ltd"}, "purposes": ["newsletter"]},
                    """), PolicyLoader.Format.JSON, "shop-newsletter.json");
    private static final String SUBJECT = "c3ViamVjdC1pZC0xMjM0NQ";

    private final ConsentEvaluator evaluator = new ConsentEvaluator(SHOP_WITH_NEWSLETTER, TestPolicies.clockAt(NOW));

    @Test
    void anObjectablePurposeIsAllowedWithoutADecisionAndNeverPrompts() {
        ConsentState none = evaluator.evaluate(null, false);
        ConsentState accepted = evaluator.evaluate(evaluator.acceptAll(SUBJECT), false);

        assertThat(none.allows("newsletter")).isTrue();
        assertThat(none.allowsService("mailer")).isTrue();
        assertThat(accepted.allows("newsletter")).isTrue();
        assertThat(accepted.needsPrompt()).isFalse();
    }

    @Test
    void anObjectionDeniesThePurposeAndItsServices() {
        ConsentDecision objected = evaluator.decide(SUBJECT, ConsentMethod.CUSTOM, Map.of("stats", true, "newsletter", false));

        ConsentState state = evaluator.evaluate(objected, false);

        assertThat(objected.grants()).containsEntry("newsletter", false).containsEntry("stats", true);
        assertThat(state.allows("newsletter")).isFalse();
        assertThat(state.allowsService("mailer")).isFalse();
        assertThat(state.denied()).contains("newsletter");
        assertThat(state.allows("stats")).isTrue();
        assertThat(state.needsPrompt()).isFalse();
    }

    @Test
    void anAbsentChoiceIsNoObjectionAndRejectAllDoesNotObject() {
        ConsentDecision silent = evaluator.decide(SUBJECT, ConsentMethod.CUSTOM, Map.of("stats", true));
        ConsentDecision rejected = evaluator.rejectAll(SUBJECT);

        assertThat(silent.grants()).containsEntry("newsletter", true);
        assertThat(evaluator.evaluate(rejected, false).allows("newsletter")).isTrue();
        assertThat(evaluator.evaluate(evaluator.withdraw(SUBJECT), false).allows("newsletter")).isTrue();
    }

    @Test
    void acceptingRefusingOrWithdrawingKeepsAnEarlierObjectionWhenCarriedOver() {
        ConsentDecision objected = evaluator.decide(SUBJECT, ConsentMethod.CUSTOM, Map.of("newsletter", false));

        for (ConsentDecision next : java.util.List.of(evaluator.acceptAll(SUBJECT), evaluator.rejectAll(SUBJECT),
                evaluator.withdraw(SUBJECT))) {
            ConsentDecision kept = evaluator.keepingObjections(next, objected);

            assertThat(kept.grants()).containsEntry("newsletter", false);
            assertThat(kept.method()).isEqualTo(next.method());
            assertThat(kept.expiresAt()).isEqualTo(next.expiresAt());
            assertThat(kept.grants()).isEqualTo(withNewsletter(next.grants(), false));
        }
        ConsentDecision notObjected = evaluator.acceptAll(SUBJECT);
        assertThat(evaluator.keepingObjections(notObjected, null)).isSameAs(notObjected);
        assertThat(evaluator.keepingObjections(notObjected, evaluator.rejectAll(SUBJECT))).isSameAs(notObjected);
    }

    private static Map<String, Boolean> withNewsletter(Map<String, Boolean> grants, boolean value) {
        Map<String, Boolean> copy = new java.util.HashMap<>(grants);
        copy.put("newsletter", value);
        return copy;
    }

    @Test
    void notObjectingDoesNotCountAsAConsentForTheLifetime() {
        ConsentDecision rejected = evaluator.rejectAll(SUBJECT);

        assertThat(rejected.expiresAt()).isEqualTo(SHOP_WITH_NEWSLETTER.refusalLifetime().addTo(NOW));
    }

    @Test
    void anObjectionIsNotUndoneByGpcAndGpcDoesNotObject() {
        ConsentDecision objected = evaluator.decide(SUBJECT, ConsentMethod.CUSTOM, Map.of("newsletter", false));

        assertThat(evaluator.evaluate(objected, true).allows("newsletter")).isFalse();
        assertThat(evaluator.evaluate(null, true).allows("newsletter")).isTrue();
    }

    @Test
    void aDecisionFromBeforeThePurposeWasObjectableLeavesItAllowed() {
        ConsentDecision old = new ConsentDecision(SUBJECT, "shop", PolicyVersion.parse("2.0"),
                Map.of("language", true, "stats", true, "ads", true, "retargeting", true), ConsentMethod.ACCEPT_ALL,
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));

        ConsentState state = evaluator.evaluate(old, false);

        assertThat(state.allows("newsletter")).isTrue();
        assertThat(state.needsPrompt()).isFalse();
    }

    @Test
    void refusesAnObjectionToAPurposeThePolicyDoesNotMarkObjectable() {
        assertThatThrownBy(() -> evaluator.decide(SUBJECT, ConsentMethod.CUSTOM, Map.of("security", false)))
                .isInstanceOf(UnknownPurposeException.class)
                .hasMessageContaining("'security' rests on legitimate-interest, not consent");
    }

    @Test
    void theCookieCarriesTheObjection() {
        ConsentCookieCodec codec = new ConsentCookieCodec(
                KeyRing.development(), SHOP_WITH_NEWSLETTER, TestPolicies.clockAt(NOW));
        ConsentDecision objected = evaluator.decide(SUBJECT, ConsentMethod.CUSTOM, Map.of("newsletter", false));

        ConsentDecision read = codec.decode(codec.encode(objected)).decision().orElseThrow();

        assertThat(read).isEqualTo(objected);
        assertThat(evaluator.evaluate(read, false).allows("newsletter")).isFalse();
    }

    @Test
    void aCookieWrittenBeforeThePurposeWasObjectableStillReads() {
        ConsentPolicy before = TestPolicies.shop();
        KeyRing keys = KeyRing.development();
        ConsentDecision old = new ConsentEvaluator(before, TestPolicies.clockAt(NOW)).acceptAll(SUBJECT);
        String oldValue = new ConsentCookieCodec(keys, before, TestPolicies.clockAt(NOW)).encode(old);

        ConsentDecision read = new ConsentCookieCodec(keys, SHOP_WITH_NEWSLETTER, TestPolicies.clockAt(NOW))
                .decode(oldValue).decision().orElseThrow();

        assertThat(read.grants()).isEqualTo(old.grants());
        assertThat(evaluator.evaluate(read, false).allows("newsletter")).isTrue();
    }

    @Test
    void theLedgerRecordsTheObjectionAndAcceptsItAgainstTheKnownPolicy() {
        ConsentDecision objected = evaluator.decide(SUBJECT, ConsentMethod.CUSTOM, Map.of("newsletter", false));
        NewConsentRecord record = NewConsentRecord.of(objected, SHOP_WITH_NEWSLETTER, Locale.ENGLISH, "/settings");
        InMemoryConsentLedger ledger = new InMemoryConsentLedger();

        KnownPolicies.of(List.of(SHOP_WITH_NEWSLETTER)).check(record);
        ledger.append(record);

        assertThat(ledger.latest(SUBJECT).orElseThrow().grants()).containsEntry("newsletter", false);
        assertThatThrownBy(() -> KnownPolicies.of(List.of(TestPolicies.shop())).check(NewConsentRecord.of(
                objected, TestPolicies.shop(), Locale.ENGLISH, "/settings"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPurposeMadeTheEarlierWayIsNeitherObjectableNorAskedForPerService() {
        dev.samtykke.core.policy.Purpose p = new dev.samtykke.core.policy.Purpose("offers", "marketing",
                dev.samtykke.core.policy.LegalBasis.LEGITIMATE_INTEREST, dev.samtykke.core.policy.LocalizedText.of("Offers"),
                null, null, null, dev.samtykke.core.policy.TimeSpan.parse("P1Y"), false);

        assertThat(p.objectable()).isFalse();
        assertThat(p.choicePerService()).isFalse();
        assertThat(p.decidable()).isFalse();
    }
}
