package dev.samtykke.core.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** ConsentPolicy.negotiate: language tags and Accept-Language headers to one of the policy's locales. */
class LocaleNegotiationTest {

    private static final ConsentPolicy JACKON = PolicyLoader.fromClasspath("policies/jackon.json");

    // A Norwegian range finds another Norwegian written standard before a less preferred other language:
    // a reader of Nynorsk reads Bokmål (nn-NO,en;q=0.3 gives nb).
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "en                                   | en",
            "nb                                   | nb",
            "en-GB                                | en",
            "en_GB                                | en",
            "EN-us                                | en",
            "en-GB,en;q=0.8,nb;q=0.5              | en",
            "nb-NO,nb;q=0.9,no;q=0.8,en;q=0.5     | nb",
            "de-DE,de;q=0.9,en;q=0.8              | en",
            "de;q=1.0, en;q=0.1                   | en",
            "nb;q=0.2, en;q=0.9                   | en",
            "no                                   | nb",
            "nn                                   | nb",
            "nn-NO,en;q=0.3                       | nb",
            "sv-SE,da;q=0.9                       | nb",
            "en;q=0                               | nb",
            "*                                    | nb",
            "fr,*;q=0.5                           | nb"})
    void picksTheBestPolicyLocale(String preference, String expected) {
        assertThat(JACKON.negotiate(preference)).isEqualTo(Locale.forLanguageTag(expected));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "en;q=abc", "en;q=2", ";;;"})
    void fallsBackToTheDefaultLocaleOnMissingOrMalformedInput(String preference) {
        assertThat(JACKON.negotiate(preference)).isEqualTo(JACKON.defaultLocale());
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "en-US,en;q=0.9"})
    void findsALongerPolicyTagOfTheSameLanguage(String preference) {
        ConsentPolicy british = JACKON.toBuilder().locales(List.of(Locale.forLanguageTag("nb"), Locale.forLanguageTag("en-GB")))
                .buildUnchecked();

        assertThat(british.negotiate(preference)).isEqualTo(Locale.forLanguageTag("en-GB"));
    }

    @ParameterizedTest
    @CsvSource({"nb,nn", "no,nn", "nn,nn", "en,en"})
    void norwegianTagsStandInForEachOther(String preference, String expected) {
        ConsentPolicy nynorsk = JACKON.toBuilder().defaultLocale(Locale.ENGLISH)
                .locales(List.of(Locale.ENGLISH, Locale.forLanguageTag("nn"))).buildUnchecked();

        assertThat(nynorsk.negotiate(preference)).isEqualTo(Locale.forLanguageTag(expected));
    }

    @org.junit.jupiter.api.Test
    void ignoresOverlongHeaders() {
        assertThat(JACKON.negotiate("en," + "x-private;q=0.1,".repeat(40))).isEqualTo(JACKON.defaultLocale());
    }
}
