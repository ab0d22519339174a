package dev.samtykke.core.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PolicyVersion and TimeSpan: parsing, comparison, arithmetic. */
class PolicyValuesTest {

    @ParameterizedTest
    @CsvSource({"1.0,1,0", "0.1,0,1", "2.13,2,13", "10.0,10,0", "999999999.999999999,999999999,999999999"})
    void parsesVersions(String text, int major, int minor) {
        PolicyVersion version = PolicyVersion.parse(text);

        assertThat(version).isEqualTo(new PolicyVersion(major, minor));
        assertThat(version.toString()).isEqualTo(text);
        assertThat(PolicyVersion.isValid(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.", ".1", "1.0.0", "01.0", "1.00", "v1.0", "-1.0", "1.0 ", "1,0", "1234567890.0", ""})
    void rejectsMalformedVersions(String text) {
        assertThat(PolicyVersion.isValid(text)).isFalse();
        assertThatThrownBy(() -> PolicyVersion.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed version '" + text + "', expected MAJOR.MINOR such as 1.0");
    }

    @Test
    void versionsCompareNumericallyAndStep() {
        assertThat(PolicyVersion.parse("1.10")).isGreaterThan(PolicyVersion.parse("1.9"));
        assertThat(PolicyVersion.parse("2.0")).isGreaterThan(PolicyVersion.parse("1.99"));
        assertThat(PolicyVersion.parse("1.4").nextMinor()).isEqualTo(new PolicyVersion(1, 5));
        assertThat(PolicyVersion.parse("1.4").nextMajor()).isEqualTo(new PolicyVersion(2, 0));
        assertThat(PolicyVersion.isValid(null)).isFalse();
        assertThatThrownBy(() -> PolicyVersion.parse(null)).hasMessage("version is missing");
        assertThatThrownBy(() -> new PolicyVersion(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"P13M,P13M,PT0S", "P2Y,P2Y,PT0S", "P30D,P30D,PT0S", "P2W,P14D,PT0S", "PT30M,P0D,PT30M",
            "P1DT12H,P1D,PT12H", "PT1.5S,P0D,PT1.5S", "P1Y2M3W4DT5H6M7S,P1Y2M25D,PT5H6M7S", "P999999Y,P999999Y,PT0S"})
    void parsesIsoDurations(String text, String period, String time) {
        TimeSpan span = TimeSpan.parse(text);

        assertThat(span.iso()).isEqualTo(text);
        assertThat(span.period()).isEqualTo(Period.parse(period));
        assertThat(span.time()).isEqualTo(Duration.parse(time));
        assertThat(span.isSession()).isFalse();
        assertThat(span.toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"P", "PT", "P1DT", "13M", "p13m", "P13m", "P-1M", "-P1M", "P1.5M", "PT1.5H", "P1234567Y",
            "P1M1Y", "P 1M", "P1M ", "Session", "forever", "P1MT"})
    void rejectsInvalidDurations(String text) {
        assertThat(TimeSpan.isValid(text)).isFalse();
        assertThatThrownBy(() -> TimeSpan.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid ISO-8601 duration '" + text + "', expected e.g. P13M, P2Y, P30D or PT30M (or 'session' for a cookie)");
    }

    @Test
    void rejectsMissingDuration() {
        assertThatThrownBy(() -> TimeSpan.parse(null)).hasMessage("duration is missing");
        assertThatThrownBy(() -> TimeSpan.parse(" ")).hasMessage("duration is missing");
    }

    @Test
    void sessionSpanLastsNoTime() {
        TimeSpan session = TimeSpan.parse("session");
        Instant now = Instant.parse("2026-11-25T12:00:00Z");

        assertThat(session).isEqualTo(TimeSpan.session());
        assertThat(session.isSession()).isTrue();
        assertThat(session.addTo(now)).isEqualTo(now);
        assertThat(session.approximate()).isZero();
    }

    @Test
    void addsCalendarPartsInUtcAndTimePartsExactly() {
        Instant start = Instant.parse("2026-01-31T10:00:00Z");

        assertThat(TimeSpan.parse("P1M").addTo(start)).isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
        assertThat(TimeSpan.parse("P12M").addTo(start)).isEqualTo(Instant.parse("2027-01-31T10:00:00Z"));
        assertThat(TimeSpan.parse("P1DT2H30M").addTo(start)).isEqualTo(Instant.parse("2026-02-01T12:30:00Z"));
        assertThat(TimeSpan.parse("P999999Y").addTo(start)).isAfter(start);
    }

    @Test
    void comparesByLength() {
        assertThat(TimeSpan.parse("P13M")).isGreaterThan(TimeSpan.parse("P1Y"));
        assertThat(TimeSpan.parse("P1Y").compareTo(TimeSpan.parse("P12M"))).isZero();
        assertThat(TimeSpan.parse("P1Y")).isNotEqualTo(TimeSpan.parse("P12M")); // equal by text, as written
        assertThat(TimeSpan.parse("PT24H").approximate()).isEqualTo(Duration.ofDays(1));
        assertThat(TimeSpan.of(Period.ofMonths(12))).isEqualTo(TimeSpan.parse("P12M"));
    }
}
