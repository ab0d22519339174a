package dev.samtykke.core.ledger;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.samtykke.core.ledger.LedgerFixtures.T0;
import static dev.samtykke.core.ledger.LedgerFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How every {@link ConsentLedger} reports the progress of a verification; mixed into {@link ConsentLedgerContract},
 * so that each store's contract test runs it.
 */
public interface VerificationProgressContract {

    /** The ledger under test: fresh for each test, accepting any policy. */
    ConsentLedger ledger();

    @Test
    default void reportsTheTotalFirstThenMonotoneCountsEndingAtTheTotal() {
        List<NewConsentRecord> batch = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            batch.add(record("progress-" + (i % 300) + "-" + UUID.randomUUID().toString().substring(0, 6), T0, i % 2 == 0, false));
        }
        ledger().appendAll(batch);
        String erased = batch.get(0).decision().subjectId();
        assertThat(ledger().erase(erased)).isEqualTo(1);
        Recorder progress = new Recorder();

        LedgerVerification v = ledger().verify(progress);

        assertThat(v.isIntact()).as(v.toString()).isTrue();
        assertThat(progress.calls.get(0)).as("the total comes first, once").isEqualTo("total 2501");
        assertThat(progress.calls.subList(1, progress.calls.size())).allMatch(c -> c.startsWith("checked "));
        assertThat(progress.checked).as("reports while checking, not only at the end").hasSizeGreaterThanOrEqualTo(2)
                .as("at most one report per 1,000 positions, and one at the end").hasSizeLessThanOrEqualTo(2_501 / 1_000 + 1)
                .isSorted().doesNotHaveDuplicates();
        assertThat(progress.checked.get(progress.checked.size() - 1)).as("ends at the total")
                .isEqualTo(2_501L).isEqualTo(v.recordsChecked() + v.events());
    }

    @Test
    default void reportsAnEmptyLedgerAsNothingToCheckAndDone() {
        Recorder progress = new Recorder();

        assertThat(ledger().verify(progress).isIntact()).isTrue();

        assertThat(progress.calls).containsExactly("total 0", "checked 0");
    }

    @Test
    default void verifyingWithoutProgressGivesTheSameOutcome() {
        for (int i = 0; i < 30; i++) {
            ledger().append(record("plain-" + i, T0, true, i % 3 == 0));
        }

        LedgerVerification plain = ledger().verify();
        LedgerVerification reported = ledger().verify(new Recorder());

        assertThat(reported).isEqualTo(plain);
        assertThat(reported.recordsChecked()).isEqualTo(30);
    }

    /** Records every call, in order. */
    final class Recorder implements VerificationProgress {
        final List<String> calls = new ArrayList<>();
        final List<Long> checked = new ArrayList<>();

        @Override
        public void started(long totalPositions) {
            calls.add("total " + totalPositions);
        }

        @Override
        public void checked(long positionsChecked) {
            calls.add("checked " + positionsChecked);
            checked.add(positionsChecked);
        }
    }
}
