package dev.samtykke.core.ledger;

import dev.samtykke.core.policy.ConsentPolicy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The consent ledger: a tamper-evident, append-only store of consent decisions that proves, per
 * subject, what was decided, when, how, where and under which notice; and that serves the data
 * subject's rights of access ({@link #export}) and erasure ({@link #erase}).
 *
 * <p>Every method taking a subject id rejects a {@code null}, blank or oversized one (more than
 * {@value dev.samtykke.core.ledger.spi.LedgerChain#MAX_SUBJECT_ID_LENGTH} characters, or characters
 * other than visible ASCII) with an {@link IllegalArgumentException}; an unknown subject simply has no
 * records. A failure of the underlying store throws {@link LedgerException}, and a failed append leaves
 * nothing written. Implementations are thread-safe. See the package documentation for the chaining
 * scheme.
 */
public interface ConsentLedger {

    /**
     * Appends a record of a decision (a grant, a refusal or a withdrawal) to the subject's chain.
     *
     * @param record the decision and the context it was made in
     * @return the stored record, with its id, sequence and hashes
     * @throws IllegalArgumentException if the record is unacceptable (for a ledger that knows its policies:
     *         an unknown policy id or version, an unknown purpose, or a notice hash that is not the policy's)
     * @throws LedgerException if the store failed; nothing was written
     */
    ConsentRecord append(NewConsentRecord record);

    /**
     * Appends several records at once, atomically where the store allows (the JDBC ledger writes them in
     * one transaction, with batched statements). The default appends them one by one.
     *
     * @param records the records, appended in this order
     * @return the stored records, in the same order
     * @throws IllegalArgumentException if any record is unacceptable; none is then appended
     * @throws LedgerException if the store failed
     */
    default List<ConsentRecord> appendAll(List<NewConsentRecord> records) {
        Objects.requireNonNull(records, "records").forEach(r -> Objects.requireNonNull(r, "record"));
        List<ConsentRecord> stored = new ArrayList<>(records.size());
        for (NewConsentRecord record : records) {
            stored.add(append(record));
        }
        return List.copyOf(stored);
    }

    /**
     * The subject's most recently appended record.
     *
     * @param subjectId the pseudonymous subject id
     * @return the latest record, or empty if the subject has none (or they were erased or purged)
     */
    Optional<ConsentRecord> latest(String subjectId);

    /**
     * Every record of the subject still held, oldest first (in the order they were appended).
     *
     * @param subjectId the pseudonymous subject id
     * @return the records, empty for an unknown subject
     */
    List<ConsentRecord> history(String subjectId);

    /**
     * One page of the subject's records, <em>newest first</em>: at most {@code limit} records whose
     * {@link ConsentRecord#sequence() sequence} is below {@code beforeSequence}. A subject's records all lie in
     * one chain, in the order they were appended, so the sequence of the last record of a page is the cursor of
     * the next: pass {@link Long#MAX_VALUE} for the first page, and stop at a page shorter than {@code limit}.
     *
     * <p>The default filters {@link #history(String)}; the stores override it with a bounded read, so that a
     * subject with many records costs one page's work per call.
     *
     * @param subjectId the pseudonymous subject id
     * @param beforeSequence only records with a smaller sequence ({@link Long#MAX_VALUE} for the newest)
     * @param limit the most records to return, at least 1
     * @return the records, newest first; empty for an unknown subject or past the oldest record
     * @throws IllegalArgumentException if {@code limit} is below 1
     */
    default List<ConsentRecord> historyPage(String subjectId, long beforeSequence, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        List<ConsentRecord> all = history(subjectId);
        List<ConsentRecord> page = new ArrayList<>(Math.min(limit, all.size()));
        for (int i = all.size() - 1; i >= 0 && page.size() < limit; i--) {
            if (all.get(i).sequence() < beforeSequence) {
                page.add(all.get(i));
            }
        }
        return List.copyOf(page);
    }

    /**
     * The subject's records as JSON following the ISO/IEC TS 27560 consent record structure (right of
     * access, GDPR Art. 15), valid against the schema {@code dev/samtykke/core/ledger/consent-record-export.schema.json}.
     * The processing (purposes, data categories, controller, retention, jurisdiction, withdrawal) is
     * described from {@code policy}; each record keeps the policy version and notice hash it was given under.
     *
     * @param subjectId the pseudonymous subject id
     * @param policy the policy that describes the processing
     * @return the JSON document; with an empty record list for an unknown subject
     */
    String export(String subjectId, ConsentPolicy policy);

    /**
     * Erases the subject's records (right to erasure, GDPR Art. 17): their personal content is removed,
     * and each leaves a tombstone (record id, content hash, chain hashes, expiry) so that the ledger still verifies.
     * In the same transaction an erasure event is appended to the subject's chain, naming the positions emptied
     * (and nothing personal), so that {@link #verify()} can tell this erasure from content removed behind the
     * ledger's back.
     *
     * @param subjectId the pseudonymous subject id
     * @return how many records were erased; 0 for an unknown subject
     */
    int erase(String subjectId);

    /**
     * Removes records past retention: every record that expired before {@code olderThan} loses its content,
     * and each chain's leading run of such records (and of erasure and purge events older than {@code olderThan})
     * is deleted, the shard's checkpoint moving past them so that {@link #verify()} still passes. Each shard changed
     * gets a purge event naming what was emptied and deleted. A record still in force at {@code olderThan} is never
     * touched; a tombstone that no event covers is kept, as evidence.
     *
     * @param olderThan the cut-off: records whose expiry is before it are purged
     * @return how many records lost their content in this call
     */
    int purge(Instant olderThan);

    /**
     * {@link #purge(Instant)}, telling what it did: records emptied, entries deleted from the chains' starts, and purge
     * events written. The in-memory and JDBC stores count all three; the default (for other stores) runs
     * {@link #purge(Instant)} and knows only the first.
     *
     * @param olderThan the cut-off: records whose expiry is before it are purged
     * @return the counts, summed over the shards
     */
    default PurgeResult purgeWithResult(Instant olderThan) {
        return new PurgeResult(purge(olderThan), 0, 0);
    }

    /**
     * Walks every chain and checks every record's content hash, chain hash, sequence and link, and each
     * shard's head and checkpoint; and that every tombstone is covered by an erasure or purge event later in its
     * chain and holds no content.
     *
     * @return the outcome, naming the first break of each chain and every uncovered or non-empty tombstone
     * @throws LedgerException if the store could not be read
     */
    LedgerVerification verify();

    /**
     * {@link #verify() Verifies} the ledger, reporting to {@code progress} how many chain positions there are to check
     * and how many have been checked, at a bounded rate (see {@link VerificationProgress}). The in-memory and JDBC
     * ledgers report; the default, for a store that cannot tell its progress, verifies and reports nothing.
     *
     * @param progress told the total first, then the positions checked so far
     * @return the outcome, as {@link #verify()} gives it
     * @throws LedgerException if the store could not be read
     */
    default LedgerVerification verify(VerificationProgress progress) {
        Objects.requireNonNull(progress, "progress");
        return verify();
    }
}
