package dev.samtykke.core.ledger;

import dev.samtykke.core.policy.TimeSpan;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.Period;
import java.util.Map;

import static dev.samtykke.core.ledger.LedgerFixtures.POLICY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionTest {

    private static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");

    @Test
    void theCutoffIsNowMinusTheOverallPeriodInUtcCalendarTerms() {
        assertThat(Retention.of(Period.ofYears(3)).cutoff(NOW)).isEqualTo(Instant.parse("2023-11-25T03:00:00Z"));
        assertThat(Retention.of(Period.ofMonths(1)).cutoff(Instant.parse("2026-03-31T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-02-28T00:00:00Z"));
    }

    @Test
    void aPurposeThatDemandsLongerProofMovesTheCutoffBackAndAShorterOneChangesNothing() {
        Retention retention = Retention.of(Period.ofYears(1))
                .withPurpose("ads", TimeSpan.parse("P6M"))
                .withPurpose("stats", TimeSpan.parse("P2Y"));

        assertThat(retention.longest()).isEqualTo(TimeSpan.parse("P2Y"));
        assertThat(retention.cutoff(NOW)).isEqualTo(Instant.parse("2024-11-25T03:00:00Z"));
        assertThat(Retention.of(Period.ofYears(1)).withPurpose("ads", TimeSpan.parse("P6M")).cutoff(NOW))
                .isEqualTo(Instant.parse("2025-11-25T03:00:00Z"));
    }

    @Test
    void forPolicyTakesTheRetentionOfEachConsentBasedPurposeOnly() {
        Retention retention = Retention.forPolicy(POLICY, TimeSpan.parse("P1M"));

        assertThat(retention.purposes()).isEqualTo(Map.of("stats", TimeSpan.parse("P13M"), "ads", TimeSpan.parse("P6M")));
        assertThat(retention.longest()).isEqualTo(TimeSpan.parse("P13M"));
        assertThat(retention.cutoff(NOW)).isEqualTo(Instant.parse("2025-10-25T03:00:00Z"));
    }

    @Test
    void refusesASessionOrZeroPeriod() {
        assertThatThrownBy(() -> new Retention(TimeSpan.session(), Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Retention.of(Period.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Retention.of(Period.ofYears(1)).withPurpose("ads", TimeSpan.parse("PT0S")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
