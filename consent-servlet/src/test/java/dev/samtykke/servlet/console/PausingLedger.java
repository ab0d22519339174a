package dev.samtykke.servlet.console;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.InMemoryConsentLedger;
import dev.samtykke.core.ledger.LedgerVerification;
import dev.samtykke.core.ledger.NewConsentRecord;
import dev.samtykke.core.ledger.VerificationProgress;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory ledger of many records whose verification stops at each report of progress short of the end, until
 * the test lets it go on: {@link #reached()} says where it stopped, {@link #proceed()} lets it go to the next report,
 * {@link #finish()} to the end.
 */
public final class PausingLedger implements ConsentLedger {

    private static final ConsentPolicy POLICY = PolicyLoader.fromClasspath("policies/jackon.json");

    private final InMemoryConsentLedger delegate = new InMemoryConsentLedger();
    private final BlockingQueue<Long> reached = new LinkedBlockingQueue<>();
    private final Semaphore permits = new Semaphore(0);
    private volatile boolean free;

    /**
     * A ledger of {@code records} reject-all records of the Jackon policy.
     *
     * @param records how many
     */
    public PausingLedger(int records) {
        Instant at = Instant.parse("2026-11-26T12:00:00Z");
        List<NewConsentRecord> batch = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            ConsentDecision decision = new ConsentDecision("subject-" + i, POLICY.id(), POLICY.version(), Map.of(),
                    ConsentMethod.REJECT_ALL, at, at.plus(Duration.ofDays(365)));
            batch.add(NewConsentRecord.of(decision, POLICY, Locale.ENGLISH, "/"));
        }
        delegate.appendAll(batch);
    }

    /**
     * Waits (at most 10 seconds) for the verification to stop at a report.
     *
     * @return the positions checked where it stopped
     * @throws InterruptedException if interrupted
     * @throws AssertionError if it did not stop
     */
    public long reached() throws InterruptedException {
        Long n = reached.poll(10, TimeUnit.SECONDS);
        if (n == null) {
            throw new AssertionError("the verification did not report its progress");
        }
        return n;
    }

    /** Lets the verification go on to its next report. */
    public void proceed() {
        permits.release();
    }

    /** Lets the verification run to its end, and every later one without a stop. */
    public void finish() {
        free = true;
        permits.release(1_000_000);
    }

    @Override
    public LedgerVerification verify(VerificationProgress progress) {
        return delegate.verify(new VerificationProgress() {
            private long total;

            @Override
            public void started(long totalPositions) {
                total = totalPositions;
                progress.started(totalPositions);
            }

            @Override
            public void checked(long positionsChecked) {
                progress.checked(positionsChecked);
                if (positionsChecked < total && !free) {
                    reached.add(positionsChecked);
                    try {
                        permits.tryAcquire(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
    }

    @Override
    public LedgerVerification verify() {
        return delegate.verify();
    }

    @Override
    public ConsentRecord append(NewConsentRecord record) {
        return delegate.append(record);
    }

    @Override
    public Optional<ConsentRecord> latest(String subjectId) {
        return delegate.latest(subjectId);
    }

    @Override
    public List<ConsentRecord> history(String subjectId) {
        return delegate.history(subjectId);
    }

    @Override
    public String export(String subjectId, ConsentPolicy policy) {
        return delegate.export(subjectId, policy);
    }

    @Override
    public int erase(String subjectId) {
        return delegate.erase(subjectId);
    }

    @Override
    public int purge(Instant olderThan) {
        return delegate.purge(olderThan);
    }
}
