package dev.samtykke.core.policy;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The built-in banner texts, and the check at load that a policy locale without them gives its own. */
class BannerLabelsTest {

    private static final ConsentPolicy JACKON = PolicyLoader.fromClasspath("policies/jackon.json");
    private static final Locale BASQUE = Locale.forLanguageTag("eu");

    @Test
    void everyBuiltInLanguageHasExactlyTheKeysAPolicyMayOverride() {
        Set<String> expected = new LinkedHashSet<>(List.of("title", "text"));
        expected.addAll(Banner.LABEL_KEYS);

        assertThat(BannerLabels.languages()).hasSizeGreaterThanOrEqualTo(2).contains("nb", "en");
        for (String language : BannerLabels.languages()) {
            assertThat(BannerLabels.builtIn(language).keySet()).as("built-in labels of '" + language + "'")
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(BannerLabels.builtIn("eu")).isEmpty();
    }

    @Test
    void aPolicyLocaleWithoutBuiltInLabelsFailsAtLoadListingTheMissingTexts() {
        Map<String, LocalizedText> some = Map.of("acceptAll", LocalizedText.of(Map.of("eu", "Onartu guztiak"), ""));
        Banner partial = new Banner(LocalizedText.of(Map.of("eu", "Zure pribatutasuna"), ""), LocalizedText.EMPTY, some);
        ConsentPolicy basque = JACKON.toBuilder().locales(List.of(Locale.forLanguageTag("nb"), Locale.ENGLISH, BASQUE))
                .banner(partial).buildUnchecked();

        assertThat(BannerLabels.missing(basque, BASQUE)).contains("banner.text", "banner.labels.rejectAll",
                "banner.labels.withdraw").doesNotContain("banner.title", "banner.labels.acceptAll");
        assertThat(BannerLabels.missing(basque, Locale.ENGLISH)).isEmpty();
        assertThatThrownBy(() -> basque.toBuilder().build())
                .isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("locales[2]: the banner has no built-in texts for 'eu' (built in: bg, cs,")
                .hasMessageContaining("give these texts in 'eu' in the policy: banner.text, banner.labels.rejectAll,");
    }
}
