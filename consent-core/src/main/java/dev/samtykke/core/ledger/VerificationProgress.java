package dev.samtykke.core.ledger;

/**
 * Follows a {@link ConsentLedger#verify(VerificationProgress) verification} as it runs, for a progress bar: first
 * the number of chain positions to check, then how many have been checked so far.
 *
 * <p>A chain position is a record, a tombstone or an erasure, purge or eviction event. The ledger calls
 * {@link #started} once, before checking anything, and then {@link #checked} with a growing count: at most once
 * every {@value dev.samtykke.core.ledger.spi.ChainVerifier#PROGRESS_INTERVAL} positions and once more at the end, so
 * that the calls stay few on a large ledger. The last count equals the total when the ledger is intact and nothing
 * was appended meanwhile; a chain that was truncated or extended behind the ledger's back, or records appended to
 * an in-memory ledger during the check, can make it end below or above the total: clamp before showing a fraction.
 *
 * <p>The calls come on the verifying thread; they should be quick and not block. An exception thrown from them ends
 * the verification with that exception.
 */
public interface VerificationProgress {

    /**
     * Called once, before the first position is checked.
     *
     * @param totalPositions how many chain positions the ledger holds (the sum over its shards of head minus
     *        checkpoint), at least 0
     */
    void started(long totalPositions);

    /**
     * Called as the check advances and once at the end, with counts that never decrease.
     *
     * @param positionsChecked how many chain positions have been checked so far
     */
    void checked(long positionsChecked);

    /**
     * A progress that ignores every report, for {@link ConsentLedger#verify()}.
     *
     * @return the progress that reports nowhere
     */
    static VerificationProgress none() {
        return new VerificationProgress() {
            @Override
            public void started(long totalPositions) {
            }

            @Override
            public void checked(long positionsChecked) {
            }
        };
    }
}

