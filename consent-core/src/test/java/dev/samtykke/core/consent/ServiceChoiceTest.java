package dev.samtykke.core.consent;

import dev.samtykke.core.cookie.ConsentCookieCodec;
import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.core.ledger.NewConsentRecord;
import dev.samtykke.core.ledger.spi.KnownPolicies;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.core.signal.GoogleConsentMode;
import dev.samtykke.core.stats.ConsentStats;
import dev.samtykke.core.stats.StatsCount;
import dev.samtykke.core.stats.StatsMetric;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.samtykke.core.consent.TestPolicies.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Choice per service: a consent-based purpose with {@code choicePerService} is granted or refused per service beneath it. */
class ServiceChoiceTest {

    /** The shop, with a choice per service for stats (served by ga and mixer) and for ads (gads, meta, mixer). */
    static final ConsentPolicy SHOP_PER_SERVICE = PolicyLoader.fromString(TestPolicies.SHOP_JSON
            .replace("\"title\": \"Statistics\",", "\"title\": \"Statistics\", \"choicePerService\": true,")
            .replace("\"title\": \"Ads\",", "\"title\": \"Ads\", \"choicePerService\": true,"),
            PolicyLoader.Format.JSON, "shop-per-service.json");
    private static final String SUBJECT = "c3ViamVjdC1pZC0xMjM0NQ";

    private final ConsentEvaluator evaluator = new ConsentEvaluator(SHOP_PER_SERVICE, TestPolicies.clockAt(NOW));

    @Test
    void thePolicyListsOneDecisionKeyPerServiceOfAPurposeThatAsksPerService() {
        assertThat(SHOP_PER_SERVICE.decisionKeys()).containsExactly("language", "stats", "stats/ga", "stats/mixer",
                "ads", "ads/gads", "ads/meta", "ads/mixer", "retargeting");
        assertThat(TestPolicies.shop().decisionKeys()).containsExactly("language", "stats", "ads", "retargeting");
    }

    @Test
    void refusingOneServiceDeniesItAloneAndItsCookiesAndConsentModeTypes() {
        ConsentDecision decision = evaluator.decide(SUBJECT, ConsentMethod.CUSTOM,
                Map.of("stats", true, "ads", true, "ads/meta", false, "retargeting", true));

        ConsentState state = evaluator.evaluate(decision, false);

        assertThat(decision.grants()).containsEntry("ads/meta", false).containsEntry("ads/gads", true)
                .containsEntry("stats/ga", true).containsEntry("stats/mixer", true);
        assertThat(state.allows("ads")).isTrue();
        assertThat(state.allowsService("gads")).isTrue();
        assertThat(state.allowsService("meta")).isFalse();
        assertThat(state.allowsCookie("_fbp")).isFalse();
        assertThat(state.allowsCookie("_gcl_au")).isTrue();
        assertThat(state.allowsService("mixer")).isTrue();
        assertThat(GoogleConsentMode.update(state)).containsEntry("ad_storage", "denied"); // meta declares it too
        assertThat(state.needsPrompt()).isFalse();
        assertThat(state.allowsEverything()).as("every purpose granted, but a service refused").isFalse();
    }

    @Test
    void onlyAnAcceptanceOfEveryPurposeAndServiceAllowsEverything() {
        assertThat(evaluator.evaluate(evaluator.acceptAll(SUBJECT), false).allowsEverything()).isTrue();
        assertThat(evaluator.evaluate(evaluator.rejectAll(SUBJECT), false).allowsEverything()).isFalse();
        assertThat(evaluator.evaluate(null, false).allowsEverything()).isFalse();
        assertThat(evaluator.evaluate(evaluator.acceptAll(SUBJECT), true).allowsEverything())
                .as("GPC denies its purposes").isEqualTo(evaluator.evaluate(evaluator.acceptAll(SUBJECT), true).denied().isEmpty());
    }

    @Test
    void aServiceOfSeveralPurposesNeedsItsGrantUnderEachThatAsksPerService() {
        ConsentDecision decision = evaluator.decide(SUBJECT, ConsentMethod.CUSTOM,
                Map.of("stats", true, "stats/mixer", false, "ads", true));

        ConsentState state = evaluator.evaluate(decision, false);

        assertThat(state.allowsService("mixer")).isFalse();
        assertThat(state.allowsService("ga")).isTrue();
        assertThat(state.allowsService("meta")).isTrue();
    }

    @Test
    void acceptAllAndRejectAllRecordEveryServiceLikeItsPurpose() {
        ConsentDecision all = evaluator.acceptAll(SUBJECT);
        ConsentDecision none = evaluator.rejectAll(SUBJECT);

        assertThat(all.grants()).containsEntry("ads/meta", true).containsEntry("stats/ga", true).hasSize(9);
        assertThat(none.grants()).containsEntry("ads/meta", false).doesNotContainValue(true).hasSize(9);
        assertThat(none.expiresAt()).isEqualTo(SHOP_PER_SERVICE.refusalLifetime().addTo(NOW));
        assertThat(evaluator.evaluate(all, false).allowsService("meta")).isTrue();
    }

    @Test
    void grantingAServiceAloneGrantsItsPurposeAndRefusesTheOtherServices() {
        ConsentDecision decision = evaluator.decide(SUBJECT, ConsentMethod.CUSTOM, Map.of("stats/ga", true));

        ConsentState state = evaluator.evaluate(decision, false);

        assertThat(decision.grants()).containsEntry("stats", true).containsEntry("stats/ga", true)
                .containsEntry("stats/mixer", false);
        assertThat(state.allowsService("ga")).isTrue();
        assertThat(state.allowsService("mixer")).isFalse();
    }

    @Test
    void aRefusedPurposeDeniesEveryServiceWhateverItsServiceGrant() {
        ConsentDecision decision = evaluator.decide(SUBJECT, ConsentMethod.CUSTOM, Map.of("stats", false, "stats/ga", true));

        assertThat(evaluator.evaluate(decision, false).allowsService("ga")).isFalse();
    }

    @Test
    void aDecisionWithoutServiceGrantsFollowsThePurpose() {
        ConsentDecision old = new ConsentEvaluator(TestPolicies.shop(), TestPolicies.clockAt(NOW)).acceptAll(SUBJECT);

        ConsentState state = evaluator.evaluate(old, false);

        assertThat(state.allowsService("meta")).isTrue();
        assertThat(state.needsPrompt()).isFalse();
    }

    @Test
    void refusesAServiceChoiceThePolicyDoesNotAskFor() {
        assertThatThrownBy(() -> evaluator.decide(SUBJECT, ConsentMethod.CUSTOM, Map.of("language/prefs", true)))
                .isInstanceOf(UnknownPurposeException.class).hasMessageContaining("'language/prefs'");
        assertThatThrownBy(() -> evaluator.decide(SUBJECT, ConsentMethod.CUSTOM, Map.of("stats/gads", true)))
                .isInstanceOf(UnknownPurposeException.class).hasMessageContaining("'stats/gads'");
        assertThatThrownBy(() -> evaluator.decide(SUBJECT, ConsentMethod.CUSTOM, Map.of("stats/", true)))
                .isInstanceOf(UnknownPurposeException.class);
    }

    @Test
    void theCookieCarriesServiceGrantsAndTheLedgerAndCountersTakeThem() {
        KeyRing keys = KeyRing.development();
        ConsentCookieCodec codec = new ConsentCookieCodec(keys, SHOP_PER_SERVICE, TestPolicies.clockAt(NOW));
        ConsentDecision decision = evaluator.decide(SUBJECT, ConsentMethod.CUSTOM, Map.of("ads", true, "ads/meta", false));

        ConsentDecision read = codec.decode(codec.encode(decision)).decision().orElseThrow();
        NewConsentRecord record = NewConsentRecord.of(decision, SHOP_PER_SERVICE, Locale.ENGLISH, "/");
        KnownPolicies.of(List.of(SHOP_PER_SERVICE)).check(record);

        assertThat(read).isEqualTo(decision);
        assertThat(ConsentStats.increments(decision, "en")).extracting(StatsCount::metric, StatsCount::item)
                .contains(org.assertj.core.groups.Tuple.tuple(StatsMetric.DENIED, "ads/meta"),
                        org.assertj.core.groups.Tuple.tuple(StatsMetric.GRANTED, "ads/gads"));
    }

    @Test
    void theNoticeSaysConsentIsGivenPerServiceWhereThePolicyAsks() {
        String md = dev.samtykke.core.notice.NoticeRenderer.markdown(SHOP_PER_SERVICE, Locale.ENGLISH);
        String nb = dev.samtykke.core.notice.NoticeRenderer.html(TestPolicies.shop(), Locale.ENGLISH);

        assertThat(md).contains("**Choice per service:** You give or refuse consent for each service separately");
        assertThat(md.split("Choice per service", -1)).hasSize(3); // stats and ads, not language or retargeting
        assertThat(nb).doesNotContain("Choice per service");
    }

    @Test
    void refusesAPolicyWhosePurposeAndServiceIdsAreTooLongTogetherForAServiceChoice() {
        String purpose = "s".repeat(64);
        String service = "g".repeat(64);
        String json = TestPolicies.SHOP_JSON.replace("\"stats\"", "\"" + purpose + "\"").replace("\"id\": \"ga\"", "\"id\": \"" + service + "\"")
                .replace("\"title\": \"Statistics\",", "\"title\": \"Statistics\", \"choicePerService\": true,");

        assertThatThrownBy(() -> PolicyLoader.fromString(json, PolicyLoader.Format.JSON, "long.json"))
                .hasMessageContaining("purposes[3].choicePerService: purpose '" + purpose + "' and its service '" + service
                        + "' have ids too long together for a service choice (128 characters at most");
    }
}
