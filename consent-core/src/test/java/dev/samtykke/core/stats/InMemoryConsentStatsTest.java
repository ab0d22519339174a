package dev.samtykke.core.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryConsentStatsTest extends ConsentStatsContract {

    @Override
    protected ConsentStats stats() {
        return new InMemoryConsentStats();
    }

    @Test
    void keepsOnlyTheLatestDays() {
        InMemoryConsentStats stats = new InMemoryConsentStats(3);
        for (int d = 0; d < 10; d++) {
            stats.impression(DAY.plusDays(d), "1.0", "nb");
        }
        assertThat(stats.counts(DAY, DAY.plusDays(20))).extracting(StatsCount::day)
                .containsExactly(DAY.plusDays(7), DAY.plusDays(8), DAY.plusDays(9));
    }
}
