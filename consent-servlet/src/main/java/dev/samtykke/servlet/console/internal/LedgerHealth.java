package dev.samtykke.servlet.console.internal;

import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.LedgerVerification;
import dev.samtykke.core.ledger.VerificationProgress;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The ledger's health for the console: runs {@link ConsentLedger#verify(VerificationProgress)} on a background thread
 * of its own, one at a time, follows its progress, and keeps the last result (and when it started and ended).
 */
public final class LedgerHealth implements AutoCloseable {

    /**
     * The state.
     *
     * @param runningSince when the running verification started, or {@code null} if none runs
     * @param progress     how far the running one got, or {@code null} if none runs or its ledger does not tell
     * @param last         the last verification finished, or {@code null}
     */
    public record Status(Instant runningSince, Progress progress, Result last) {
    }

    /**
     * How far a running verification got.
     *
     * @param checked the chain positions checked so far
     * @param total   the positions the ledger held when it started (appends meanwhile can make {@code checked} pass it)
     */
    public record Progress(long checked, long total) {
    }

    /**
     * A finished verification.
     *
     * @param startedAt    when it started
     * @param finishedAt   when it ended
     * @param verification its result, or {@code null} if it failed
     * @param failure      why it failed (the exception's class), or {@code null}
     */
    public record Result(Instant startedAt, Instant finishedAt, LedgerVerification verification, String failure) {
    }

    private final ConsentLedger ledger;
    private final Clock clock;
    private final ExecutorService executor;
    private Instant runningSince;
    private Tracker tracker;
    private Result last;

    /**
     * Health of a ledger.
     *
     * @param ledger the ledger
     * @param clock  the clock
     */
    public LedgerHealth(ConsentLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "samtykke-ledger-verification");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a verification unless one is running.
     *
     * @param starting run first when a verification starts (recording that it did); nothing starts if it throws
     * @param finished told of the result when it ends (on the background thread)
     * @return whether one was started (else one was running already)
     */
    public synchronized boolean start(Runnable starting, Consumer<Result> finished) {
        if (runningSince != null) {
            return false;
        }
        starting.run(); // before the run, so that what it records comes before the result, whatever the threads do
        Instant started = clock.instant();
        runningSince = started;
        Tracker progress = new Tracker();
        tracker = progress;
        executor.execute(() -> {
            Result result;
            try {
                LedgerVerification verification = ledger.verify(progress);
                result = new Result(started, clock.instant(), verification, null);
            } catch (RuntimeException e) {
                result = new Result(started, clock.instant(), null, e.getClass().getSimpleName());
            }
            synchronized (this) {
                last = result;
                runningSince = null;
                tracker = null;
            }
            finished.accept(result);
        });
        return true;
    }

    /**
     * The state now.
     *
     * @return the state
     */
    public synchronized Status status() {
        return new Status(runningSince, tracker == null ? null : tracker.progress(), last);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Keeps the latest report of a verification, written by its thread and read by requests. */
    private static final class Tracker implements VerificationProgress {
        private volatile long total = -1;
        private volatile long checked;

        @Override
        public void started(long totalPositions) {
            total = totalPositions;
        }

        @Override
        public void checked(long positionsChecked) {
            checked = positionsChecked;
        }

        /** The progress, or {@code null} before the ledger reported its total (or if it never does). */
        Progress progress() {
            long t = total;
            return t < 0 ? null : new Progress(checked, t);
        }
    }
}
