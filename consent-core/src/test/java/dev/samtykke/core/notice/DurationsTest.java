package dev.samtykke.core.notice;

import dev.samtykke.core.policy.TimeSpan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTest {

    @ParameterizedTest(name = "{0} in {1} reads \"{2}\"")
    @CsvSource(delimiter = ';', value = {
            "P2Y; nb; 2 år",
            "P2Y; en; 2 years",
            "P1Y; nb; 1 år",
            "P1Y; en; 1 year",
            "P13M; nb; 13 måneder",
            "P1M; nb; 1 måned",
            "P13M; en; 13 months",
            "P1Y6M; nb; 1 år og 6 måneder",
            "P1Y2M3D; en; 1 year, 2 months and 3 days",
            "P30D; nb; 30 dager",
            "P1D; en; 1 day",
            "P2W; en; 2 weeks",
            "P1W; nb; 1 uke",
            "P14D; en; 14 days",
            "PT30M; nb; 30 minutter",
            "PT1H; nb; 1 time",
            "PT1H30M; en; 1 hour and 30 minutes",
            "P1DT12H; en; 1 day and 12 hours",
            "PT90S; en; 1 minute and 30 seconds",
            "P0D; en; 0 seconds",
            "session; nb; Økt",
            "session; en; Session",
            "P2Y; nb-NO; 2 år",
            "P2Y; no; 2 år",
            "P2Y; en-GB; 2 years",
            "P2Y; de; 2 years",
    })
    void humanizes(String iso, String language, String expected) {
        assertThat(Durations.humanize(TimeSpan.parse(iso), Locale.forLanguageTag(language))).isEqualTo(expected);
    }
}
