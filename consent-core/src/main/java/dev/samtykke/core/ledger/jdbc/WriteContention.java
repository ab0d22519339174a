package dev.samtykke.core.ledger.jdbc;

import java.util.concurrent.atomic.LongAdder;

/**
 * How often this instance's append transactions met another writer of the same shards (another instance sharing the
 * database, or an erasure or purge): counted by the ledger, read by the multi-instance test and benchmark.
 */
final class WriteContention {

    /**
     * The counts so far.
     *
     * @param transactions  append transactions run (each attempt counts)
     * @param headMoved     transactions whose compare-and-set found a shard head moved by another writer, so that they
     *                      were rolled back and locked the heads again
     * @param deferred      appends put back in their lane because another transaction held their shard's head (written
     *                      by the lane's next transaction)
     * @param lockWaitNanos time spent taking the head locks, waits for other writers included
     */
    record Snapshot(long transactions, long headMoved, long deferred, long lockWaitNanos) {
    }

    private final LongAdder transactions = new LongAdder();
    private final LongAdder headMoved = new LongAdder();
    private final LongAdder deferred = new LongAdder();
    private final LongAdder lockWaitNanos = new LongAdder();

    void transaction() {
        transactions.increment();
    }

    void headMoved() {
        headMoved.increment();
    }

    void deferred(int appends) {
        deferred.add(appends);
    }

    /** Adds the time since {@code startNanos} ({@link System#nanoTime()}) to the lock wait. */
    void lockedSince(long startNanos) {
        lockWaitNanos.add(System.nanoTime() - startNanos);
    }

    Snapshot snapshot() {
        return new Snapshot(transactions.sum(), headMoved.sum(), deferred.sum(), lockWaitNanos.sum());
    }
}
