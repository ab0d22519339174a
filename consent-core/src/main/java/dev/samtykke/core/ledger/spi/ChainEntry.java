package dev.samtykke.core.ledger.spi;

import dev.samtykke.core.ledger.ConsentRecord;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored entry of a chain as {@link ChainVerifier} checks it: a record, the tombstone an erased or purged
 * record leaves, or an {@link LedgerEvent event} (an erasure, purge or eviction).
 *
 * @param shard the shard it is stored in
 * @param sequence its stored position
 * @param recordId its id (an event's id for an event)
 * @param contentHash the stored content hash
 * @param previousHash the stored link to the entry before it
 * @param hash the stored hash
 * @param recordedAt when it was stored, or {@code null} if unknown
 * @param record the stored content of a record, or {@code null} for a tombstone or an event
 * @param event the event, or {@code null} for a record or a tombstone
 * @param contentLeft for a tombstone: whether the store still holds some of the record's content (a tombstone must
 *        hold none)
 */
public record ChainEntry(int shard, long sequence, String recordId, String contentHash, String previousHash, String hash,
                         Instant recordedAt, ConsentRecord record, LedgerEvent event, boolean contentLeft) {

    /** Checks the parts. */
    public ChainEntry {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
        if (record != null && event != null) {
            throw new IllegalArgumentException("an entry is a record or an event, not both");
        }
    }

    /**
     * A record's entry, or (with {@code record} {@code null}) a clean tombstone.
     *
     * @param shard the shard
     * @param sequence the position
     * @param recordId the id
     * @param contentHash the content hash
     * @param previousHash the link
     * @param hash the hash
     * @param recordedAt when stored
     * @param record the content, or {@code null}
     */
    public ChainEntry(int shard, long sequence, String recordId, String contentHash, String previousHash, String hash,
                      Instant recordedAt, ConsentRecord record) {
        this(shard, sequence, recordId, contentHash, previousHash, hash, recordedAt, record, null, false);
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

    /** Whether this is a tombstone: a record whose content is gone (erased or purged), not an event. */
    public boolean isTombstone() {
        return record == null && event == null;
    }

    /** Whether this is an erasure, purge or eviction event. */
    public boolean isEvent() {
        return event != null;
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
