package dev.samtykke.servlet.internal;

import dev.samtykke.core.policy.TimeSpan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class DurationTextTest {

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "P2Y|nb|2 år",
            "P1Y|en|1 year",
            "P13M|nb|13 måneder",
            "P1M|nb|1 måned",
            "P3M|en|3 months",
            "P1Y6M|nb|1 år og 6 måneder",
            "P1Y2M3D|en|1 year, 2 months and 3 days",
            "P1D|nb|1 dag",
            "PT30M|en|30 minutes",
            "PT1H|nb|1 time",
            "PT24H|nb|24 timer",
            "P1DT12H|en|1 day and 12 hours",
            "session|nb|Økt",
            "P2W|de|14 days"})
    void spansReadNaturally(String iso, String language, String expected) {
        assertThat(DurationText.humanize(TimeSpan.parse(iso), Locale.forLanguageTag(language), "Økt")).isEqualTo(expected);
    }
}
