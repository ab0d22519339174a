package dev.samtykke.core.ledger;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link ConsentLedger#verify()}.
 *
 * @param recordsChecked how many records (tombstones included, events not) were checked
 * @param tombstones how many of them were tombstones (erased or purged content)
 * @param events how many erasure, purge and eviction events were checked
 * @param shards how many chains (shards) the ledger has
 * @param anchor a SHA-256 over every shard's head sequence and hash: publish or store it elsewhere from
 *        time to time, and a later rewrite of the whole ledger (which no hash chain can detect from inside)
 *        shows as heads that no longer lead back to a published anchor
 * @param problems the first break of each broken chain, and every tombstone that no later event covers or that
 *        still holds content; the earliest recorded first; empty when intact
 */
public record LedgerVerification(long recordsChecked, long tombstones, long events, int shards, String anchor,
                                 List<Problem> problems) {

    /** Checks the parts. */
    public LedgerVerification {
        Objects.requireNonNull(anchor, "anchor");
        problems = List.copyOf(problems);
    }

    /** Whether every chain verified. */
    public boolean isIntact() {
        return problems.isEmpty();
    }

    /** The first broken record, if any. */
    public Optional<Problem> firstProblem() {
        return problems.stream().findFirst();
    }

    @Override
    public String toString() {
        return isIntact()
                ? "ledger intact: " + recordsChecked + " records (" + tombstones + " tombstones) and " + events
                        + " erasure/purge events in " + shards + " shards"
                : "ledger broken: " + problems.get(0).message() + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
    }

    /**
     * A broken record of one chain.
     *
     * @param shard the chain
     * @param sequence the broken record's position in it
     * @param recordId the broken record's id, or {@code null} when the record is missing (a truncated chain)
     * @param kind what is wrong
     * @param message a human explanation naming the record
     */
    public record Problem(int shard, long sequence, String recordId, Kind kind, String message) {
        /** Checks the parts. */
        public Problem {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }

    /** What is wrong with a record. */
    public enum Kind {
        /** The record's content or position no longer matches its hash: it was modified or moved. */
        MODIFIED,
        /** The sequence skips positions before this record: records were deleted. */
        MISSING,
        /** The sequence repeats or goes back at this record: records were inserted or reordered. */
        OUT_OF_ORDER,
        /** The record does not link to the hash of the record before it: something before it was replaced, inserted or reordered. */
        UNLINKED,
        /** The chain's last record is not the shard's head: records were removed from or added at the end. */
        HEAD_MISMATCH,
        /**
         * The record's content is gone but no erasure or purge event later in its chain names it: it was emptied
         * outside the ledger (e.g. to hide a withdrawal), or the event that named it was deleted.
         */
        UNCOVERED_TOMBSTONE,
        /**
         * The record should hold no content but does: a tombstone with some content left (e.g. only its subject id
         * was removed), or a record that an erasure or purge event names whose content is still (or again) there.
         */
        CONTENT_LEFT
    }
}
