package dev.samtykke.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.samtykke.core.policy.Banner;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.LocalizedText;
import dev.samtykke.core.policy.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Which banner labels a policy document carries: the built-in ones of the requested locale only, and for a
 * policy locale without built-in labels, those the policy supplies, checked when the document is built.
 */
class PolicyDocumentLabelsTest {

    private static final ConsentPolicy JACKON = PolicyLoader.fromClasspath("policies/jackon.json");
    private static final Locale BASQUE = Locale.forLanguageTag("eu");

    private static JsonNode labels(PolicyDocument document, Locale locale) {
        return new ObjectMapper().readTree(new String(document.in(locale).body(), StandardCharsets.UTF_8)).path("labels");
    }

    private static ConsentPolicy withLocales(Banner banner, Locale... locales) {
        return JACKON.toBuilder().locales(List.of(locales)).banner(banner).buildUnchecked();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv",
        "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv", "nb", "nn", "is"})
    void everyBuiltInLanguageIsSentInItsOwnWordsOnly(String language) {
        Locale locale = Locale.forLanguageTag(language);
        PolicyDocument document = new PolicyDocument(withLocales(Banner.DEFAULT, locale, Locale.ENGLISH));
        PolicyDocument english = new PolicyDocument(withLocales(Banner.DEFAULT, Locale.ENGLISH));

        JsonNode sent = labels(document, locale);
        assertThat(sent.path("acceptAll").asString()).isNotBlank();
        if (!language.equals("en")) {
            assertThat(sent.path("title").asString()).as("title in " + language)
                    .isNotEqualTo(labels(english, Locale.ENGLISH).path("title").asString());
        }
        assertThat(new String(document.in(locale).body(), StandardCharsets.UTF_8)).as("no other language's labels")
                .doesNotContain("\"nb\":{", "Godta alle".equals(sent.path("acceptAll").asString()) ? "Accept all" : "Godta alle");
    }

    @Test
    void aPolicyThatSuppliesEveryLabelOfItsLocaleIsServedThem() {
        Map<String, LocalizedText> all = new LinkedHashMap<>();
        for (String key : Banner.LABEL_KEYS) {
            all.put(key, LocalizedText.of(Map.of("eu", "eu:" + key), ""));
        }
        Banner complete = new Banner(LocalizedText.of(Map.of("eu", "Zure pribatutasuna"), ""),
                LocalizedText.of(Map.of("eu", "Cookieak erabiltzen ditugu."), ""), all);

        JsonNode sent = labels(new PolicyDocument(withLocales(complete, Locale.ENGLISH, BASQUE)), BASQUE);

        assertThat(sent.path("rejectAll").asString()).isEqualTo("eu:rejectAll");
        assertThat(sent.path("title").asString()).isEqualTo("Zure pribatutasuna");
        assertThat(sent.path("embedLoad").asString()).as("the placeholder labels too").isEqualTo("eu:embedLoad");
    }
}
