package dev.samtykke.core.ledger;

/**
 * What one {@link ConsentLedger#purgeWithResult(java.time.Instant) purge} did, summed over the shards. It holds counts
 * only, nothing personal, so it may be logged.
 *
 * @param recordsEmptied how many records lost their content (became tombstones) because they expired before the cut-off
 * @param entriesRemoved how many entries (tombstones and old events) were deleted from the chains' starts, the
 *        checkpoints moving past them
 * @param eventsWritten how many {@code purge} events were appended (one per shard the purge changed)
 */
public record PurgeResult(int recordsEmptied, long entriesRemoved, int eventsWritten) {

    /** A purge that changed nothing. */
    public static final PurgeResult NOTHING = new PurgeResult(0, 0, 0);

    /** Checks the counts. */
    public PurgeResult {
        if (recordsEmptied < 0 || entriesRemoved < 0 || eventsWritten < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /**
     * This result and another, summed.
     *
     * @param other the other result
     * @return the sum
     */
    public PurgeResult plus(PurgeResult other) {
        return new PurgeResult(recordsEmptied + other.recordsEmptied, entriesRemoved + other.entriesRemoved,
                eventsWritten + other.eventsWritten);
    }
}
