package dev.samtykke.core.policy;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LocalizedTextTest {

    private final LocalizedText text = LocalizedText.of(new LinkedHashMap<>(Map.of("nb", "Analyse", "en", "Analytics")), "nb");

    @Test
    void findsTheExactTagThenItsLanguageThenTheFallback() {
        assertThat(text.get("en")).isEqualTo("Analytics");
        assertThat(text.get("en-GB")).isEqualTo("Analytics");
        assertThat(text.get(Locale.forLanguageTag("nb-NO"))).isEqualTo("Analyse");
        assertThat(text.get("de")).isEqualTo("Analyse");
        assertThat(text.get((String) null)).isEqualTo("Analyse");
        assertThat(text.has("en")).isTrue();
        assertThat(text.has("en-GB")).isFalse();
    }

    @Test
    void fallsBackToAnyTextWhenTheFallbackLocaleHasNone() {
        LocalizedText onlyEnglish = LocalizedText.of(Map.of("en", "Analytics"), "nb");

        assertThat(onlyEnglish.get("nb")).isEqualTo("Analytics");
        assertThat(onlyEnglish.find("sv")).contains("Analytics");
    }

    @Test
    void universalTextReadsTheSameEverywhere() {
        LocalizedText brand = LocalizedText.of("Meta Pixel");

        assertThat(brand.isUniversal()).isTrue();
        assertThat(brand.get("nb")).isEqualTo("Meta Pixel");
        assertThat(brand.get(Locale.JAPANESE)).isEqualTo("Meta Pixel");
        assertThat(brand.has("xx")).isTrue();
        assertThat(brand.toString()).isEqualTo("Meta Pixel");
    }

    @Test
    void emptyTextGivesEmptyString() {
        assertThat(LocalizedText.EMPTY.isEmpty()).isTrue();
        assertThat(LocalizedText.EMPTY.get("nb")).isEmpty();
        assertThat(LocalizedText.EMPTY.find("nb")).isEmpty();
        assertThat(text.isEmpty()).isFalse();
    }

    @Test
    void referencePolicyTextsFallBackToNorwegian() {
        ConsentPolicy policy = PolicyLoader.fromClasspath("policies/jackon.json");
        Purpose analytics = policy.purpose("analytics").orElseThrow();

        assertThat(analytics.title().get("en")).isEqualTo("Improving and developing our services");
        assertThat(analytics.title().get("sv")).isEqualTo("Forbedre og videreutvikle tjenestene");
        assertThat(policy.noticeUrl().get(policy.negotiate("en-US"))).isEqualTo("/en/privacy");
        assertThat(policy.noticeUrl().get(policy.negotiate("fr"))).isEqualTo("/personvern");
    }
}
