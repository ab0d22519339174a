package dev.samtykke.core.ledger.spi;

import dev.samtykke.core.ledger.ConsentRecord;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored entry of a chain as {@link ChainVerifier} checks it: a record, or the tombstone an erased or
 * purged record leaves.
 *
 * @param shard the shard it is stored in
 * @param sequence its stored position
 * @param recordId its id
 * @param contentHash the stored content hash
 * @param previousHash the stored link to the entry before it
 * @param hash the stored hash
 * @param recordedAt when it was stored, or {@code null} if unknown
 * @param record the stored content, or {@code null} for a tombstone
 */
public record ChainEntry(int shard, long sequence, String recordId, String contentHash, String previousHash, String hash,
                         Instant recordedAt, ConsentRecord record) {

    /** Checks the parts. */
    public ChainEntry {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }

    /**
     * The entry of a stored record.
     *
     * @param record the record
     * @return its entry, content hash computed
     */
    public static ChainEntry of(ConsentRecord record) {
        return new ChainEntry(record.shard(), record.sequence(), record.recordId(), LedgerChain.contentHash(record),
                record.previousHash(), record.hash(), record.recordedAt(), record);
    }

    /** Whether the content is gone (erased or purged). */
    public boolean isTombstone() {
        return record == null;
    }

    /**
     * The tombstone of this entry: the same place and hashes, no content.
     *
     * @return the tombstone
     */
    public ChainEntry tombstone() {
        return new ChainEntry(shard, sequence, recordId, contentHash, previousHash, hash, recordedAt, null);
    }
}
