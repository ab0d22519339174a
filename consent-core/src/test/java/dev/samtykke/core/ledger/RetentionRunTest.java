package dev.samtykke.core.ledger;

import dev.samtykke.core.policy.TimeSpan;
import dev.samtykke.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Optional;

import static dev.samtykke.core.ledger.LedgerFixtures.T0;
import static dev.samtykke.core.ledger.LedgerFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A retention run on the in-memory ledger; {@code jdbc.JdbcRetentionRunContract} runs it on each database. */
class RetentionRunTest {

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryConsentLedger ledger = InMemoryConsentLedger.builder().clock(clock).build();

    @Test
    void purgesWhatExpiredLongerAgoThanTheRetentionAndKeepsTheRest() {
        ledger.append(record("four-years-ago", T0.minus(Duration.ofDays(4 * 366)), true, true)); // expired ~3 years ago
        ConsentRecord recent = ledger.append(record("two-years-ago", T0.minus(Duration.ofDays(2 * 366)), true, true));
        RetentionRun run = RetentionRun.builder(ledger, PurgeLock.inProcess()).retention(Retention.of(Period.ofYears(2)))
                .clock(clock).build();

        RetentionRun.Result result = run.run();

        assertThat(result.status()).isEqualTo(RetentionRun.Status.PURGED);
        assertThat(result.cutoff()).isEqualTo(Instant.parse("2024-11-25T12:00:00Z"));
        assertThat(result.purged().recordsEmptied()).isEqualTo(1);
        assertThat(result.purged().eventsWritten()).isEqualTo(1);
        assertThat(ledger.latest("four-years-ago")).isEmpty();
        assertThat(ledger.latest("two-years-ago")).contains(recent);
        assertThat(ledger.verify().isIntact()).isTrue();
    }

    @Test
    void aPurposeWhoseRetentionIsLongerKeepsTheRecordBeyondTheOverallPeriod() {
        ConsentRecord kept = ledger.append(record("old", T0.minus(Duration.ofDays(4 * 366)), true, true));
        Retention retention = Retention.of(Period.ofYears(2)).withPurpose("stats", TimeSpan.parse("P5Y"));

        RetentionRun.Result result = RetentionRun.builder(ledger, PurgeLock.inProcess()).retention(retention).clock(clock)
                .build().run();

        assertThat(result.purged()).isEqualTo(PurgeResult.NOTHING);
        assertThat(ledger.latest("old")).contains(kept);
    }

    @Test
    void skipsWithoutWaitingWhileAnotherHolderHasTheLockAndRunsOnceItIsReleased() {
        ledger.append(record("old", T0.minus(Duration.ofDays(5 * 366)), true, true));
        PurgeLock lock = PurgeLock.inProcess();
        RetentionRun run = RetentionRun.builder(ledger, lock).clock(clock).build();
        Optional<PurgeLock.Held> other = lock.tryAcquire();
        assertThat(other).isPresent();

        RetentionRun.Result skipped = run.run();

        assertThat(skipped.status()).isEqualTo(RetentionRun.Status.SKIPPED);
        assertThat(ledger.latest("old")).isPresent();
        other.get().close();
        other.get().close(); // closing twice releases once
        assertThat(run.run().purged().recordsEmptied()).isEqualTo(1);
        assertThat(ledger.latest("old")).isEmpty();
    }

    @Test
    void theDefaultRetentionIsThreeYears() {
        RetentionRun run = RetentionRun.builder(ledger, PurgeLock.inProcess()).clock(clock).build();

        assertThat(run.retention().longest()).isEqualTo(TimeSpan.parse("P3Y"));
        assertThat(run.run().cutoff()).isEqualTo(Instant.parse("2023-11-25T12:00:00Z"));
    }

    @Test
    void aFailedPurgeReleasesTheLockAndIsThrown() {
        PurgeLock lock = PurgeLock.inProcess();
        ConsentLedger failing = PausingLedger.failing(ledger, new LedgerException("database down"));

        assertThatThrownBy(() -> RetentionRun.builder(failing, lock).build().run()).isInstanceOf(LedgerException.class);
        assertThat(lock.tryAcquire()).as("released after the failure").isPresent();
    }
}
