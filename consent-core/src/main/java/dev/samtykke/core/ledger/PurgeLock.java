package dev.samtykke.core.ledger;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A lock that lets one instance of an application at a time purge the ledger ({@link RetentionRun}). Taking it never
 * waits: an instance that finds it held skips its run. A holder that dies must not keep it: the JDBC lock
 * ({@link dev.samtykke.core.ledger.jdbc.JdbcPurgeLock}) lives only as long as its database session.
 */
public interface PurgeLock {

    /**
     * Takes the lock if no one holds it, without waiting.
     *
     * @return the held lock, to be closed when the purge is over; empty if another holder has it
     * @throws LedgerException if the lock's store could not be reached
     */
    Optional<Held> tryAcquire();

    /** A lock held until {@link #close()}. */
    interface Held extends AutoCloseable {
        /** Releases the lock; a failure to release is logged, not thrown (the lock then ends with its session). */
        @Override
        void close();
    }

    /**
     * A lock within this JVM only, for a ledger only this process writes (the in-memory ledger).
     *
     * @return a new lock
     */
    static PurgeLock inProcess() {
        AtomicBoolean held = new AtomicBoolean();
        return () -> {
            if (!held.compareAndSet(false, true)) {
                return Optional.empty();
            }
            AtomicBoolean released = new AtomicBoolean();
            return Optional.of(() -> {
                if (released.compareAndSet(false, true)) {
                    held.set(false);
                }
            });
        };
    }
}
