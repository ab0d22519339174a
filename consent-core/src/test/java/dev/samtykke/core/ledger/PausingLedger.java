package dev.samtykke.core.ledger;

import dev.samtykke.core.policy.ConsentPolicy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A ledger that hands everything to another, except that its purge can be made to wait (to hold a purge lock while a
 * second instance tries) or to fail. For the retention tests.
 */
public final class PausingLedger implements ConsentLedger {

    private final ConsentLedger ledger;
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release;
    private final Function<Instant, PurgeResult> purge;

    private PausingLedger(ConsentLedger ledger, boolean pause, Function<Instant, PurgeResult> purge) {
        this.ledger = ledger;
        this.release = new CountDownLatch(pause ? 1 : 0);
        this.purge = purge;
    }

    /** A ledger whose purge waits for {@link #release()} once it has begun. */
    public static PausingLedger pausing(ConsentLedger ledger) {
        return new PausingLedger(ledger, true, ledger::purgeWithResult);
    }

    /** A ledger whose purge throws. */
    public static PausingLedger failing(ConsentLedger ledger, RuntimeException failure) {
        return new PausingLedger(ledger, false, t -> {
            throw failure;
        });
    }

    /** Waits until a purge has begun. */
    public void awaitPurging() throws InterruptedException {
        if (!entered.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no purge began");
        }
    }

    /** Lets the waiting purge go on. */
    public void release() {
        release.countDown();
    }

    @Override
    public PurgeResult purgeWithResult(Instant olderThan) {
        entered.countDown();
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the purge was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return purge.apply(olderThan);
    }

    @Override
    public int purge(Instant olderThan) {
        return purgeWithResult(olderThan).recordsEmptied();
    }

    @Override
    public ConsentRecord append(NewConsentRecord record) {
        return ledger.append(record);
    }

    @Override
    public Optional<ConsentRecord> latest(String subjectId) {
        return ledger.latest(subjectId);
    }

    @Override
    public List<ConsentRecord> history(String subjectId) {
        return ledger.history(subjectId);
    }

    @Override
    public String export(String subjectId, ConsentPolicy policy) {
        return ledger.export(subjectId, policy);
    }

    @Override
    public int erase(String subjectId) {
        return ledger.erase(subjectId);
    }

    @Override
    public LedgerVerification verify() {
        return ledger.verify();
    }
}
