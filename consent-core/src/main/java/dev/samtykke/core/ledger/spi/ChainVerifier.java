package dev.samtykke.core.ledger.spi;

import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.LedgerVerification;
import dev.samtykke.core.ledger.LedgerVerification.Kind;
import dev.samtykke.core.ledger.LedgerVerification.Problem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Checks a ledger's chains, one shard at a time, streaming: feed each shard's checkpoint, head and entries in
 * stored order (ascending sequence), then take the {@link #result()}.
 *
 * <p>For each entry in turn: its sequence must be the next one (a gap means deleted records, a repeat or a step
 * back means inserted or reordered ones); a record's content must still give its stored content hash; its hash
 * must be the chain hash of its shard, sequence, id, content hash and stored link; and its link must be the hash
 * of the entry before (or the checkpoint's). After the last entry, the chain must end at the shard's head. The
 * first failure of a shard is its problem; the rest of that shard is not trusted.
 */
public final class ChainVerifier {

    private final int shards;
    private final long[] headSequences;
    private final String[] headHashes;
    private final List<Problem> problems = new ArrayList<>();
    private final List<Instant> problemTimes = new ArrayList<>();
    private long records;
    private long tombstones;

    /**
     * A verifier for a ledger of {@code shards} shards.
     *
     * @param shards the number of shards
     */
    public ChainVerifier(int shards) {
        this.shards = LedgerChain.requireShards(shards);
        this.headSequences = new long[shards];
        this.headHashes = new String[shards];
        java.util.Arrays.fill(headHashes, LedgerChain.GENESIS_HASH);
    }

    /**
     * Checks one shard.
     *
     * @param shard the shard
     * @param baseSequence the checkpoint: the sequence of the last record purged (0 if none)
     * @param baseHash the checkpoint's hash (the genesis hash if none)
     * @param headSequence the shard head's sequence, as the store recorded it
     * @param headHash the shard head's hash
     * @param entries the shard's entries in ascending stored sequence
     */
    public void checkShard(int shard, long baseSequence, String baseHash, long headSequence, String headHash,
                           Iterator<ChainEntry> entries) {
        headSequences[shard] = headSequence;
        headHashes[shard] = headHash;
        long expected = baseSequence + 1;
        String previous = baseHash;
        Problem problem = null;
        Instant problemTime = null;
        while (entries.hasNext()) {
            ChainEntry e = entries.next();
            records++;
            if (e.isTombstone()) {
                tombstones++;
            }
            if (problem != null) {
                continue;
            }
            problem = check(shard, e, expected, previous, headSequence);
            if (problem != null) {
                problemTime = e.recordedAt();
                continue;
            }
            previous = e.hash();
            expected++;
        }
        if (problem == null && (expected - 1 != headSequence || !previous.equals(headHash))) {
            problem = expected - 1 < headSequence
                    ? new Problem(shard, expected, null, Kind.HEAD_MISMATCH, "shard " + shard + ": records #" + expected
                    + " to #" + headSequence + " are missing from the end of the chain (its head is #" + headSequence + ")")
                    : new Problem(shard, expected - 1, null, Kind.HEAD_MISMATCH, "shard " + shard
                    + ": the chain ends at #" + (expected - 1) + " but its recorded head is #" + headSequence
                    + " with another hash");
        }
        if (problem != null) {
            problems.add(problem);
            problemTimes.add(problemTime);
        }
    }

    private Problem check(int shard, ChainEntry e, long expected, String previous, long headSequence) {
        String where = "record " + e.recordId() + " (shard " + shard + ", #" + e.sequence() + ")";
        if (e.shard() != shard) {
            return new Problem(shard, e.sequence(), e.recordId(), Kind.MODIFIED, where + " is stored in shard " + shard
                    + " but claims shard " + e.shard());
        }
        if (e.sequence() > headSequence) {
            return new Problem(shard, e.sequence(), e.recordId(), Kind.HEAD_MISMATCH, where
                    + " lies beyond the shard's head #" + headSequence + ": it was added outside the ledger");
        }
        if (e.sequence() > expected) {
            return new Problem(shard, e.sequence(), e.recordId(), Kind.MISSING, where + " follows a gap: "
                    + (e.sequence() - expected) + " record(s) before it (#" + expected + " to #" + (e.sequence() - 1) + ") are missing");
        }
        if (e.sequence() < expected) {
            return new Problem(shard, e.sequence(), e.recordId(), Kind.OUT_OF_ORDER, where + " is out of order: #"
                    + expected + " was expected; records were inserted or reordered");
        }
        ConsentRecord r = e.record();
        if (r != null) {
            if (!r.recordId().equals(e.recordId()) || r.shard() != shard || r.sequence() != e.sequence()
                    || !LedgerChain.contentHash(r).equals(e.contentHash())) {
                return new Problem(shard, e.sequence(), e.recordId(), Kind.MODIFIED, where
                        + " was modified: its content no longer matches its content hash");
            }
        }
        if (!LedgerChain.chainHash(shard, e.sequence(), e.recordId(), e.contentHash(), e.previousHash()).equals(e.hash())) {
            return new Problem(shard, e.sequence(), e.recordId(), Kind.MODIFIED, where
                    + " does not match its hash: it was modified or moved from another position");
        }
        if (!e.previousHash().equals(previous)) {
            return new Problem(shard, e.sequence(), e.recordId(), Kind.UNLINKED, where
                    + " does not link to the record before it: records before it were replaced, inserted or reordered");
        }
        return null;
    }

    /**
     * The outcome for every shard checked so far; shards never checked count as empty.
     *
     * @return the verification, problems ordered by the time the broken record was stored, then by shard
     */
    public LedgerVerification result() {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < problems.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer, Instant>comparing(problemTimes::get, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(i -> problems.get(i).shard()));
        List<Problem> sorted = order.stream().map(problems::get).toList();
        return new LedgerVerification(records, tombstones, shards, LedgerChain.anchor(headSequences, headHashes), sorted);
    }
}
