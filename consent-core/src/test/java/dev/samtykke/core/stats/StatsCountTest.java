package dev.samtykke.core.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StatsCountTest {

    @Test
    void refusesOversizedOrInvisiblePartsAndNegativeCounts() {
        java.time.LocalDate day = java.time.LocalDate.of(2026, 1, 1);
        assertThatIllegalArgumentException().isThrownBy(() -> new StatsCount(day, "1.0", "x".repeat(36), StatsMetric.IMPRESSION, "", 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new StatsCount(day, "1.0", "nb", StatsMetric.GRANTED, "a b", 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new StatsCount(day, "1.0", "nb", StatsMetric.GRANTED, "", 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new StatsCount(day, "1.0", "nb", StatsMetric.IMPRESSION, "x", 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new StatsCount(day, "1.0", "nb", StatsMetric.DENIED, "a", -1));
        assertThatIllegalArgumentException().isThrownBy(() -> StatsReport.of(day, day.plusDays(400), java.util.List.of(), c -> true));
    }
}
