package dev.samtykke.core.consent;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyVersion;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.policy.TimeSpan;
import dev.samtykke.core.testing.UnreadableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.samtykke.core.consent.TestPolicies.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsentEvaluatorTest {

    private static final ConsentPolicy SHOP = TestPolicies.shop();
    private static final String SUBJECT = "c3ViamVjdC1pZC0xMjM0NQ";
    private static final Instant LATER = NOW.plus(Duration.ofDays(30));
    private static final List<String> ALWAYS = List.of("security", "checkout");

    private final ConsentEvaluator evaluator = new ConsentEvaluator(SHOP, TestPolicies.clockAt(NOW));

    private static ConsentDecision decision(String policyId, String version, Map<String, Boolean> grants, Instant expiresAt) {
        return new ConsentDecision(SUBJECT, policyId, PolicyVersion.parse(version), grants, ConsentMethod.CUSTOM,
                NOW.minus(Duration.ofDays(1)), expiresAt);
    }

    private static ConsentDecision decision(String version, Map<String, Boolean> grants) {
        return decision("shop", version, grants, LATER);
    }

    private static Map<String, Boolean> all(boolean granted) {
        Map<String, Boolean> grants = new LinkedHashMap<>();
        TestPolicies.SHOP_CONSENT_PURPOSES.forEach(id -> grants.put(id, granted));
        return grants;
    }

    private static Map<String, Boolean> grants(Object... idsAndValues) {
        Map<String, Boolean> grants = new LinkedHashMap<>();
        for (int i = 0; i < idsAndValues.length; i += 2) {
            grants.put((String) idsAndValues[i], (Boolean) idsAndValues[i + 1]);
        }
        return grants;
    }

    private static Set<String> allowed(String... consentPurposes) {
        Set<String> allowed = new LinkedHashSet<>(ALWAYS);
        allowed.addAll(List.of(consentPurposes));
        return allowed;
    }

    private static Arguments row(String rule, ConsentDecision decision, boolean gpc, Set<String> allowed,
                                 boolean needsPrompt, boolean counts) {
        return Arguments.of(rule, decision, gpc, allowed, needsPrompt, counts);
    }

    /** Every evaluation rule, alone and combined with the others. Policy: shop 2.1, now: {@link TestPolicies#NOW}. */
    static Stream<Arguments> rules() {
        Map<String, Boolean> allButRetargeting = grants("language", true, "stats", true, "ads", true);
        Map<String, Boolean> withLegacy = all(true);
        withLegacy.put("legacy", true);
        Map<String, Boolean> refusingNonConsent = all(false);
        refusingNonConsent.put("security", false);
        refusingNonConsent.put("checkout", false);
        return Stream.of(
                row("no decision: consent purposes denied, others allowed, ask", null, false, allowed(), true, false),
                row("no decision, GPC: still ask for the purposes GPC does not answer", null, true, allowed(), true, false),
                row("accept all", decision("2.1", all(true)), false, allowed("language", "stats", "ads", "retargeting"), false, true),
                row("accept all, GPC: gpcOptOut purposes denied although granted", decision("2.1", all(true)), true,
                        allowed("language", "stats"), false, true),
                row("reject all", decision("2.1", all(false)), false, allowed(), false, true),
                row("reject all, GPC", decision("2.1", all(false)), true, allowed(), false, true),
                row("custom: only what is granted", decision("2.1", grants("language", false, "stats", true, "ads", false,
                        "retargeting", false)), false, allowed("stats"), false, true),
                row("custom, GPC: a granted gpcOptOut purpose is denied", decision("2.1", grants("language", false,
                        "stats", false, "ads", true, "retargeting", false)), true, allowed(), false, true),
                row("another policy id counts as none", decision("other", "2.1", all(true), LATER), false, allowed(), true, false),
                row("older MAJOR counts as none", decision("1.4", all(true)), false, allowed(), true, false),
                row("older MAJOR, GPC", decision("1.9", all(true)), true, allowed(), true, false),
                row("newer MAJOR counts as none", decision("3.0", all(true)), false, allowed(), true, false),
                row("older MINOR covering everything is kept", decision("2.0", all(true)), false,
                        allowed("language", "stats", "ads", "retargeting"), false, true),
                row("newer MINOR of the same MAJOR is kept", decision("2.7", all(true)), false,
                        allowed("language", "stats", "ads", "retargeting"), false, true),
                row("older MINOR: an uncovered purpose is denied and asked for", decision("2.0", allButRetargeting), false,
                        allowed("language", "stats", "ads"), true, true),
                row("older MINOR, GPC: an uncovered gpcOptOut purpose is answered by GPC", decision("2.0", allButRetargeting),
                        true, allowed("language", "stats"), false, true),
                row("older MINOR, GPC: an uncovered other purpose is still asked for", decision("2.0",
                        grants("language", true, "ads", true, "retargeting", true)), true, allowed("language"), true, true),
                row("same version, empty grants: everything uncovered", decision("2.1", Map.of()), false, allowed(), true, true),
                row("expired at exactly its expiry counts as none", decision("shop", "2.1", all(true), NOW), false,
                        allowed(), true, false),
                row("one millisecond before expiry it counts", decision("shop", "2.1", all(true), NOW.plusMillis(1)), false,
                        allowed("language", "stats", "ads", "retargeting"), false, true),
                row("expired, GPC", decision("shop", "2.1", all(true), NOW.minusSeconds(1)), true, allowed(), true, false),
                row("a grant for a purpose the policy no longer declares is ignored", decision("2.1", withLegacy), false,
                        allowed("language", "stats", "ads", "retargeting"), false, true),
                row("refusing a purpose that needs no consent changes nothing", decision("2.1", refusingNonConsent), false,
                        allowed(), false, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void appliesEvaluationRule(String rule, ConsentDecision decision, boolean gpc, Set<String> allowed, boolean needsPrompt,
                               boolean counts) {
        ConsentState state = evaluator.evaluate(decision, gpc);

        assertThat(state.granted()).as("granted").containsExactlyInAnyOrderElementsOf(allowed);
        Set<String> denied = new HashSet<>();
        SHOP.purposes().forEach(p -> denied.add(p.id()));
        denied.removeAll(allowed);
        assertThat(state.denied()).as("denied").containsExactlyInAnyOrderElementsOf(denied);
        for (Purpose purpose : SHOP.purposes()) {
            assertThat(state.allows(purpose.id())).as("allows(%s)", purpose.id()).isEqualTo(allowed.contains(purpose.id()));
        }
        assertThat(state.allows("legacy")).as("allows an undeclared purpose").isFalse();
        assertThat(state.needsPrompt()).as("needsPrompt").isEqualTo(needsPrompt);
        assertThat(state.decision()).as("decision counts").isEqualTo(counts ? java.util.Optional.of(decision) : java.util.Optional.empty());
        assertThat(state.gpc()).isEqualTo(gpc);
        assertThat(state.subjectId()).isEqualTo(decision == null ? java.util.Optional.empty() : java.util.Optional.of(SUBJECT));
        assertThat(state.policy()).isSameAs(SHOP);
    }

    @Test
    void servicesAreAllowedOnlyWhenAllTheirPurposesAre() {
        ConsentState statsOnly = evaluator.evaluate(decision("2.1", grants("stats", true, "ads", false)), false);
        ConsentState statsAndAds = evaluator.evaluate(decision("2.1", grants("stats", true, "ads", true)), false);

        assertThat(statsOnly.allowsService("ga")).isTrue();
        assertThat(statsOnly.allowsService("mixer")).isFalse();
        assertThat(statsAndAds.allowsService("mixer")).isTrue();
        assertThat(statsAndAds.allowsService("meta")).isTrue();
        assertThat(statsAndAds.allowsService("gads")).as("gads also needs retargeting").isFalse();
        assertThat(evaluator.evaluate(null, false).allowsService("session")).as("needs no consent").isTrue();
        assertThat(statsAndAds.allowsService("unknown")).isFalse();
        assertThat(statsAndAds.allowsService(null)).isFalse();
    }

    @Test
    void cookiesFollowTheirServiceAndUndeclaredCookiesAreNotAllowed() {
        ConsentState none = evaluator.evaluate(null, false);
        ConsentState everything = evaluator.evaluate(decision("2.1", all(true)), false);
        ConsentState stats = evaluator.evaluate(decision("2.1", grants("stats", true)), false);

        assertThat(none.allowsCookie("JSESSIONID")).isTrue();
        assertThat(none.allowsCookie("_ga")).isFalse();
        assertThat(stats.allowsCookie("_ga")).isTrue();
        assertThat(stats.allowsCookie("_ga_ABC123")).as("pattern _ga_*").isTrue();
        assertThat(stats.allowsCookie("mix_1")).as("mixer needs stats and ads").isFalse();
        assertThat(everything.allowsCookie("mix_1")).isTrue();
        assertThat(everything.allowsCookie("tracker")).as("undeclared").isFalse();
        assertThat(everything.allowsCookie(null)).isFalse();
    }

    @Test
    void categoriesAreAllowedWhenAllTheirConsentPurposesAre() {
        ConsentState none = evaluator.evaluate(null, false);
        ConsentState adsOnly = evaluator.evaluate(decision("2.1", grants("ads", true, "retargeting", false, "stats", true)), false);
        ConsentState everything = evaluator.evaluate(decision("2.1", all(true)), false);

        assertThat(none.allowsCategory("necessary")).isTrue();
        assertThat(none.allowsCategory("analytics")).isFalse();
        assertThat(adsOnly.allowsCategory("analytics")).isTrue();
        assertThat(adsOnly.allowsCategory("marketing")).as("retargeting refused").isFalse();
        assertThat(everything.allowsCategory("marketing")).isTrue();
        assertThat(evaluator.evaluate(decision("2.1", all(true)), true).allowsCategory("marketing")).as("GPC").isFalse();
        assertThat(everything.allowsCategory("unknown")).isFalse();
        assertThat(everything.allowsCategory(null)).isFalse();
    }

    @Test
    void gpcAloneDoesNotPromptWhenItAnswersEveryConsentPurpose() {
        List<Purpose> allOptOut = SHOP.purposes().stream()
                .map(p -> p.requiresConsent() ? new Purpose(p.id(), p.category(), p.legalBasis(), p.title(), p.description(),
                        p.dataCategories(), p.channels(), p.retention(), true, false, false) : p)
                .toList();
        ConsentEvaluator gpcAnswersAll = new ConsentEvaluator(SHOP.toBuilder().purposes(allOptOut).build(),
                TestPolicies.clockAt(NOW));

        assertThat(gpcAnswersAll.evaluate(null, true).needsPrompt()).isFalse();
        assertThat(gpcAnswersAll.evaluate(null, false).needsPrompt()).isTrue();
    }

    @Test
    void policyWithoutConsentPurposesNeverPrompts() {
        ConsentPolicy noConsent = SHOP.toBuilder()
                .purposes(SHOP.purposes().stream().filter(p -> !p.requiresConsent()).toList())
                .services(SHOP.services().stream().filter(s -> s.id().equals("session")).toList())
                .build();

        ConsentState state = new ConsentEvaluator(noConsent, TestPolicies.clockAt(NOW)).evaluate(null, false);

        assertThat(state.needsPrompt()).isFalse();
        assertThat(state.granted()).containsExactly("security", "checkout");
    }

    @Test
    void keepsTheSubjectIdOfADecisionThatNoLongerCounts() {
        ConsentState state = evaluator.evaluate(decision("1.0", all(true)), false);

        assertThat(state.decision()).isEmpty();
        assertThat(state.subjectId()).contains(SUBJECT);
        assertThat(state.toString()).doesNotContain(SUBJECT);
    }

    @Test
    void decisionsDoNotShowTheirSubjectIdWhenPrinted() {
        ConsentDecision d = evaluator.acceptAll(SUBJECT);

        assertThat(d.toString()).doesNotContain(SUBJECT).contains("shop 2.1", "stats=true", "accept-all");
    }

    @Test
    void decideRecordsEveryConsentPurposeAndRefusesThoseNotChosen() {
        ConsentDecision d = evaluator.decide(SUBJECT, ConsentMethod.CUSTOM, Map.of("stats", true, "ads", false));

        assertThat(d.grants()).containsExactlyInAnyOrderEntriesOf(
                Map.of("language", false, "stats", true, "ads", false, "retargeting", false));
        assertThat(d.policyId()).isEqualTo("shop");
        assertThat(d.policyVersion()).isEqualTo(new PolicyVersion(2, 1));
        assertThat(d.method()).isEqualTo(ConsentMethod.CUSTOM);
        assertThat(d.decidedAt()).isEqualTo(NOW);
        assertThat(evaluator.evaluate(d, false).granted()).containsExactly("security", "checkout", "stats");
        assertThat(evaluator.evaluate(d, false).needsPrompt()).isFalse();
    }

    @Test
    void decideTreatsANullChoiceAsRefused() {
        Map<String, Boolean> choices = new HashMap<>();
        choices.put("stats", null);

        assertThat(evaluator.decide(SUBJECT, ConsentMethod.API, choices).grants("stats")).isFalse();
    }

    @Test
    void decideStampsWholeSeconds() {
        ConsentEvaluator e = new ConsentEvaluator(SHOP, TestPolicies.clockAt(NOW.plusMillis(987)));

        assertThat(e.acceptAll(SUBJECT).decidedAt()).isEqualTo(NOW);
    }

    @Test
    void acceptAllRejectAllAndWithdrawCoverEveryConsentPurpose() {
        ConsentDecision accepted = evaluator.acceptAll(SUBJECT);
        ConsentDecision rejected = evaluator.rejectAll(SUBJECT);
        ConsentDecision withdrawn = evaluator.withdraw(SUBJECT);

        assertThat(accepted.method()).isEqualTo(ConsentMethod.ACCEPT_ALL);
        assertThat(accepted.grants()).isEqualTo(all(true));
        assertThat(rejected.method()).isEqualTo(ConsentMethod.REJECT_ALL);
        assertThat(rejected.grants()).isEqualTo(all(false));
        assertThat(withdrawn.method()).isEqualTo(ConsentMethod.WITHDRAW);
        assertThat(withdrawn.grants()).isEqualTo(all(false));
    }

    @Test
    void decideRejectsAnUnknownPurpose() {
        assertThatThrownBy(() -> evaluator.decide(SUBJECT, ConsentMethod.CUSTOM, Map.of("stats", true, "spying", true)))
                .isInstanceOfSatisfying(UnknownPurposeException.class, e -> assertThat(e.purposeId()).isEqualTo("spying"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown purpose 'spying'");
    }

    @Test
    void decideRejectsAPurposeThatNeedsNoConsent() {
        assertThatThrownBy(() -> evaluator.decide(SUBJECT, ConsentMethod.CUSTOM, Map.of("security", false)))
                .isInstanceOfSatisfying(UnknownPurposeException.class, e -> assertThat(e.purposeId()).isEqualTo("security"))
                .hasMessageContaining("legitimate-interest");
    }

    @Test
    void decideRejectsSubjectIdsThatAreNotPlainTokens() {
        for (String bad : new String[] {null, "", "someone@example.com", "a b", "x".repeat(65), "æøå"}) {
            assertThatThrownBy(() -> evaluator.acceptAll(bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject id");
        }
        assertThat(evaluator.acceptAll("x".repeat(64)).subjectId()).hasSize(64);
    }

    static Stream<Arguments> lifetimes() {
        Instant twelveMonths = Instant.parse("2027-11-25T12:00:00Z");
        Instant sixMonths = Instant.parse("2027-05-25T12:00:00Z");
        Instant threeMonths = Instant.parse("2027-02-25T12:00:00Z");
        return Stream.of(
                Arguments.of("only grants: the consent lifetime", Map.of("stats", true, "ads", true, "language", true,
                        "retargeting", true), null, null, twelveMonths),
                Arguments.of("only refusals: the refusal lifetime", Map.of(), null, null, sixMonths),
                Arguments.of("mixed: the shorter, here the refusal lifetime", Map.of("stats", true), null, null, sixMonths),
                Arguments.of("mixed: the shorter, here the consent lifetime", Map.of("stats", true), "P3M", "P6M", threeMonths),
                Arguments.of("only grants with a custom consent lifetime", Map.of("stats", true, "ads", true, "language", true,
                        "retargeting", true), "P3M", "P6M", threeMonths),
                Arguments.of("only refusals with a custom refusal lifetime", Map.of(), "P12M", "P3M", threeMonths));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lifetimes")
    void newDecisionsExpireByTheLifetimeRule(String rule, Map<String, Boolean> choices, String consentLifetime,
                                             String refusalLifetime, Instant expected) {
        ConsentPolicy.Builder b = SHOP.toBuilder();
        if (consentLifetime != null) {
            b.consentLifetime(TimeSpan.parse(consentLifetime)).refusalLifetime(TimeSpan.parse(refusalLifetime));
        }
        ConsentEvaluator e = new ConsentEvaluator(b.build(), TestPolicies.clockAt(NOW));

        ConsentDecision d = e.decide(SUBJECT, ConsentMethod.CUSTOM, choices);

        assertThat(d.expiresAt()).isEqualTo(expected);
        assertThat(e.evaluate(d, false).decision()).as("counts until then").isPresent();
        ConsentEvaluator atExpiry = new ConsentEvaluator(e.policy(), TestPolicies.clockAt(expected));
        assertThat(atExpiry.evaluate(d, false).decision()).as("and no longer").isEmpty();
        assertThat(atExpiry.evaluate(d, false).needsPrompt()).isTrue();
    }

    @Test
    void aDecisionWithoutAnswersGetsTheShorterLifetime() {
        ConsentPolicy noConsent = SHOP.toBuilder()
                .purposes(SHOP.purposes().stream().filter(p -> !p.requiresConsent()).toList())
                .services(SHOP.services().stream().filter(s -> s.id().equals("session")).toList())
                .build();

        ConsentDecision d = new ConsentEvaluator(noConsent, TestPolicies.clockAt(NOW)).acceptAll(SUBJECT);

        assertThat(d.grants()).isEmpty();
        assertThat(d.expiresAt()).isEqualTo(Instant.parse("2027-05-25T12:00:00Z"));
    }

    @Test
    void newSubjectIdsAreRandom128BitBase64Url() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = ConsentEvaluator.newSubjectId();
            assertThat(id).hasSize(22).matches("[A-Za-z0-9_-]{21}[AQgw]");
            assertThat(ConsentEvaluator.isValidSubjectId(id)).isTrue();
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }

    @Test
    void millisecondComparisonMatchesInstantComparison() {
        Instant expiry = Instant.parse("2026-11-25T12:00:00.000500Z");
        long at = expiry.toEpochMilli();

        assertThat(ConsentEvaluator.isBefore(at, expiry)).as("…:00.000 is before …:00.0005").isTrue();
        assertThat(ConsentEvaluator.isBefore(at + 1, expiry)).isFalse();
        assertThat(ConsentEvaluator.isBefore(Long.MAX_VALUE, Instant.MAX)).isTrue();
        assertThat(ConsentEvaluator.isBefore(Long.MIN_VALUE, Instant.MIN)).isFalse();
    }

    /** Given a time, the evaluator judges expiry by it and never reads its clock; without a decision it needs none. */
    @Test
    void evaluatesAtAGivenTimeWithoutReadingTheClock() {
        Clock broken = new UnreadableClock();
        ConsentPolicy shop = TestPolicies.shop();
        ConsentDecision decision = new ConsentDecision("s", shop.id(), shop.version(), Map.of("stats", true),
                ConsentMethod.CUSTOM, TestPolicies.NOW, TestPolicies.NOW.plusSeconds(60));
        ConsentEvaluator timeless = new ConsentEvaluator(shop, broken);
        long expires = decision.expiresAt().toEpochMilli();

        assertThat(timeless.evaluate(decision, false, expires - 1).allows("stats")).isTrue();
        assertThat(timeless.evaluate(decision, false, expires).allows("stats")).as("expired").isFalse();
        assertThat(timeless.evaluate(decision, false, expires).needsPrompt()).isTrue();
        assertThat(timeless.evaluate(null, false).needsPrompt()).isTrue();
        assertThatThrownBy(() -> timeless.evaluate(decision, false)).hasMessageContaining(UnreadableClock.MESSAGE);
    }
}
