package dev.samtykke.core.ledger;

import java.time.Instant;
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
 * @param purges the purges the chains still record (each shard's latest one that moved its checkpoint always is), by
 *        shard and position: what each emptied and deleted, when and with which cut-off
 */
public record LedgerVerification(long recordsChecked, long tombstones, long events, int shards, String anchor,
                                 List<Problem> problems, List<Purge> purges) {

    /** Checks the parts. */
    public LedgerVerification {
        Objects.requireNonNull(anchor, "anchor");
        problems = List.copyOf(problems);
        purges = List.copyOf(purges);
    }

    /**
     * A verification that lists no purges.
     *
     * @param recordsChecked records and tombstones checked
     * @param tombstones tombstones among them
     * @param events events checked
     * @param shards the number of chains
     * @param anchor the anchor over the heads
     * @param problems what is broken
     */
    public LedgerVerification(long recordsChecked, long tombstones, long events, int shards, String anchor,
                              List<Problem> problems) {
        this(recordsChecked, tombstones, events, shards, anchor, problems, List.of());
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
     * A purge as its event in a chain records it (an event whose hashes hold). Counts and positions only: nothing personal.
     *
     * @param shard the chain
     * @param sequence the position of the purge event
     * @param at when the purge ran
     * @param cutoff its cut-off: records that expired before it were purged
     * @param recordsEmptied how many records it emptied (turned into tombstones)
     * @param removedFrom the first position it deleted from the chain's start, 0 if it deleted none
     * @param checkpoint the position the shard's checkpoint moved to (the last it deleted), 0 if it deleted none
     */
    public record Purge(int shard, long sequence, Instant at, Instant cutoff, long recordsEmptied, long removedFrom,
                        long checkpoint) {
        /** Checks the parts. */
        public Purge {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(cutoff, "cutoff");
        }
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
        CONTENT_LEFT,
        /**
         * The shard's checkpoint (where its chain starts after purges) is past the start, but no purge or eviction event
         * in the chain says it deleted the entries up to it: entries were deleted from the start of the chain and the
         * checkpoint moved outside the ledger.
         */
        UNPROVEN_CHECKPOINT
    }
}
