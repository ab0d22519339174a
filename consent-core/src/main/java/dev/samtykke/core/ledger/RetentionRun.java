package dev.samtykke.core.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One purge of a ledger by its {@link Retention}, by one instance at a time: {@link #run()} takes the
 * {@link PurgeLock} without waiting (and skips when another instance holds it), purges everything that expired before
 * {@link Retention#cutoff(Instant) the cut-off}, releases the lock, logs the outcome (counts and times only, nothing
 * personal) and returns it. Usable without a framework: call {@link #run()} from a daily job. Thread-safe.
 *
 * <pre>{@code
 * RetentionRun retention = RetentionRun.builder(ledger, new JdbcPurgeLock(dataSource, "samtykke_"))
 *         .retention(Retention.forPolicy(policy, TimeSpan.parse("P3Y")))
 *         .build();
 * RetentionRun.Result result = retention.run();
 * }</pre>
 */
public final class RetentionRun {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionRun.class);

    private final ConsentLedger ledger;
    private final PurgeLock lock;
    private final Retention retention;
    private final Clock clock;

    private RetentionRun(Builder b) {
        this.ledger = b.ledger;
        this.lock = b.lock;
        this.retention = b.retention;
        this.clock = b.clock;
    }

    /**
     * A run on this ledger, under this lock; {@link Retention#DEFAULT_OVERALL} unless told otherwise.
     *
     * @param ledger the ledger to purge
     * @param lock the lock its instances share ({@link PurgeLock#inProcess()} for a ledger of this process only)
     * @return a builder
     */
    public static Builder builder(ConsentLedger ledger, PurgeLock lock) {
        return new Builder(ledger, lock);
    }

    /** The retention it purges by. */
    public Retention retention() {
        return retention;
    }

    /**
     * Purges once, unless another instance is purging.
     *
     * @return what happened: purged (with the counts) or skipped
     * @throws LedgerException if the lock or the purge failed (logged at WARN); a purge is one transaction per shard, so
     *         shards done before the failure stay purged, and the next run finishes the rest
     */
    public Result run() {
        Instant started = clock.instant();
        Instant cutoff = retention.cutoff(started);
        long t0 = System.nanoTime();
        Optional<PurgeLock.Held> held;
        try {
            held = lock.tryAcquire();
        } catch (RuntimeException e) {
            LOG.warn("Consent ledger purge not run: the purge lock could not be taken ({})", e.toString());
            throw e;
        }
        if (held.isEmpty()) {
            LOG.info("Consent ledger purge skipped: another instance holds the purge lock");
            return new Result(Status.SKIPPED, cutoff, PurgeResult.NOTHING, Duration.ofNanos(System.nanoTime() - t0));
        }
        try (PurgeLock.Held ignored = held.get()) {
            PurgeResult purged = ledger.purgeWithResult(cutoff);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            LOG.info("Consent ledger purged records that expired before {} (retention {}): {} records emptied, {} entries"
                            + " deleted, {} purge events written, in {} ms", cutoff, retention.longest(), purged.recordsEmptied(),
                    purged.entriesRemoved(), purged.eventsWritten(), took.toMillis());
            return new Result(Status.PURGED, cutoff, purged, took);
        } catch (RuntimeException e) {
            LOG.warn("Consent ledger purge (cut-off {}) failed after {} ms: {}", cutoff,
                    Duration.ofNanos(System.nanoTime() - t0).toMillis(), e.toString());
            throw e;
        }
    }

    /** What a run did. */
    public enum Status {
        /** This instance held the lock and purged (perhaps nothing was due). */
        PURGED,
        /** Another instance held the lock; nothing was done. */
        SKIPPED
    }

    /**
     * The outcome of {@link #run()}: counts and times only.
     *
     * @param status purged or skipped
     * @param cutoff the cut-off it purged (or would have purged) by
     * @param purged what the purge did; {@link PurgeResult#NOTHING} when skipped
     * @param duration how long the run took, lock included
     */
    public record Result(Status status, Instant cutoff, PurgeResult purged, Duration duration) {
        /** Checks the parts. */
        public Result {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(cutoff, "cutoff");
            Objects.requireNonNull(purged, "purged");
            Objects.requireNonNull(duration, "duration");
        }
    }

    /** Builds a {@link RetentionRun}. */
    public static final class Builder {
        private final ConsentLedger ledger;
        private final PurgeLock lock;
        private Retention retention = new Retention(Retention.DEFAULT_OVERALL, java.util.Map.of());
        private Clock clock = Clock.systemUTC();

        private Builder(ConsentLedger ledger, PurgeLock lock) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            this.lock = Objects.requireNonNull(lock, "lock");
        }

        /**
         * How long records are kept after they expire.
         *
         * @param retention the periods
         * @return this builder
         */
        public Builder retention(Retention retention) {
            this.retention = Objects.requireNonNull(retention, "retention");
            return this;
        }

        /**
         * The clock the cut-off is taken from.
         *
         * @param clock the clock, UTC system clock by default
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The run. */
        public RetentionRun build() {
            return new RetentionRun(this);
        }
    }
}
