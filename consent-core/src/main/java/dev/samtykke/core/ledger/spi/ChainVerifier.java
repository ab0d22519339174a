package dev.samtykke.core.ledger.spi;

import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.LedgerVerification;
import dev.samtykke.core.ledger.LedgerVerification.Kind;
import dev.samtykke.core.ledger.LedgerVerification.Problem;
import dev.samtykke.core.ledger.VerificationProgress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Checks a ledger's chains, one shard at a time, streaming: feed each shard's checkpoint, head and entries in
 * stored order (ascending sequence), then take the {@link #result()}.
 *
 * <p>For each entry in turn: its sequence must be the next one (a gap means deleted records, a repeat or a step
 * back means inserted or reordered ones); a record's content must still give its stored content hash; its hash
 * must be the chain hash of its shard, sequence, id, content hash and stored link; and its link must be the hash
 * of the entry before (or the checkpoint's). After the last entry, the chain must end at the shard's head. The
 * first failure of a shard is its problem; the rest of that shard is not trusted.
 *
 * <p>Besides, every tombstone must be covered: an erasure or purge {@link LedgerEvent event} later in its chain must
 * name its position ({@link Kind#UNCOVERED_TOMBSTONE} otherwise), and it must hold no content; a record that such an
 * event names must hold none either ({@link Kind#CONTENT_LEFT}). Every such record is reported, not only the first.
 * The events of a shard are handed over before its entries, so that coverage is known when a record is met; only
 * events whose own hashes hold count.
 */
public final class ChainVerifier {

    /** How many positions are checked between two reports to a {@link VerificationProgress}. */
    public static final int PROGRESS_INTERVAL = 1000;

    private final int shards;
    private final VerificationProgress progress;
    private long reported = -1;
    private final long[] headSequences;
    private final String[] headHashes;
    private final List<Problem> problems = new ArrayList<>();
    private final List<Instant> problemTimes = new ArrayList<>();
    private final List<LedgerVerification.Purge> purges = new ArrayList<>();
    private long records;
    private long tombstones;
    private long events;

    /**
     * A verifier for a ledger of {@code shards} shards.
     *
     * @param shards the number of shards
     */
    public ChainVerifier(int shards) {
        this(shards, VerificationProgress.none());
    }

    /**
     * A verifier for a ledger of {@code shards} shards that tells {@code progress} how many positions (records and
     * events) it has checked: every {@value #PROGRESS_INTERVAL} positions, and at the {@link #result()}. The caller
     * reports the {@link VerificationProgress#started total} first.
     *
     * @param shards the number of shards
     * @param progress told the positions checked so far
     */
    public ChainVerifier(int shards, VerificationProgress progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
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
     * @param shardEvents the shard's erasure, purge and eviction events (they are among {@code entries} too); other
     *        entries in it are ignored
     * @param entries the shard's entries in ascending stored sequence, events included
     */
    public void checkShard(int shard, long baseSequence, String baseHash, long headSequence, String headHash,
                           Collection<ChainEntry> shardEvents, Iterator<ChainEntry> entries) {
        headSequences[shard] = headSequence;
        headHashes[shard] = headHash;
        EventCoverage coverage = EventCoverage.of(shard, shardEvents);
        checkCheckpoint(shard, baseSequence, shardEvents);
        long expected = baseSequence + 1;
        String previous = baseHash;
        Problem problem = null;
        Instant problemTime = null;
        while (entries.hasNext()) {
            ChainEntry e = entries.next();
            if (e.isEvent()) {
                events++;
            } else {
                records++;
            }
            if ((records + events) % PROGRESS_INTERVAL == 0) {
                reportProgress();
            }
            checkContent(shard, e, coverage);
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

    /**
     * Lists the shard's purges, and reports a checkpoint past the start that no purge or eviction event names as the end
     * of what it deleted. The event that last moved a checkpoint lies after it, and only a later purge or eviction can
     * delete it, which names its own checkpoint: so an intact chain always holds one. A chain upgraded from a store that
     * purged without events (one holding an {@code upgrade} event) is spared.
     */
    private void checkCheckpoint(int shard, long baseSequence, Collection<ChainEntry> shardEvents) {
        boolean named = baseSequence == 0;
        boolean upgraded = false;
        for (ChainEntry e : shardEvents) {
            if (!e.isEvent() || e.shard() != shard || !e.event().contentHash().equals(e.contentHash())
                    || !LedgerChain.chainHash(shard, e.sequence(), e.recordId(), e.contentHash(), e.previousHash()).equals(e.hash())) {
                continue;
            }
            LedgerEvent event = e.event();
            upgraded |= event.kind() == LedgerEvent.Kind.UPGRADE;
            named |= event.removed() != null && event.removed().last() == baseSequence && e.sequence() > baseSequence;
            if (event.kind() == LedgerEvent.Kind.PURGE) {
                long emptied = event.covered().stream().mapToLong(r -> r.last() - r.first() + 1).sum();
                purges.add(new LedgerVerification.Purge(shard, e.sequence(), event.at(), event.cutoff(), emptied,
                        event.removed() == null ? 0 : event.removed().first(), event.removed() == null ? 0 : event.removed().last()));
            }
        }
        if (!named && !upgraded) {
            report(new Problem(shard, baseSequence, null, Kind.UNPROVEN_CHECKPOINT, "shard " + shard + ": its chain starts"
                    + " after #" + baseSequence + ", but no purge or eviction event in it names that checkpoint: entries were"
                    + " deleted from its start outside the ledger"), null);
        }
    }

    /** Reports a tombstone no later event covers, and content where an erasure or purge left none. */
    private void checkContent(int shard, ChainEntry e, EventCoverage coverage) {
        if (e.isTombstone()) {
            tombstones++;
            if (!coverage.covers(e.sequence())) {
                report(new Problem(shard, e.sequence(), e.recordId(), Kind.UNCOVERED_TOMBSTONE, where(shard, e)
                        + " has lost its content, but no erasure or purge event after it names it: it was emptied outside"
                        + " the ledger, or the event was deleted"), e.recordedAt());
            }
            if (e.contentLeft()) {
                report(new Problem(shard, e.sequence(), e.recordId(), Kind.CONTENT_LEFT, where(shard, e)
                        + " is a tombstone that still holds part of its content"), e.recordedAt());
            }
        } else if (e.record() != null && coverage.covers(e.sequence())) {
            report(new Problem(shard, e.sequence(), e.recordId(), Kind.CONTENT_LEFT, where(shard, e)
                    + " was erased or purged by a later event but still holds its content"), e.recordedAt());
        }
    }

    private static String where(int shard, ChainEntry e) {
        return "record " + e.recordId() + " (shard " + shard + ", #" + e.sequence() + ")";
    }

    private void report(Problem problem, Instant time) {
        problems.add(problem);
        problemTimes.add(time);
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
        if (e.isEvent() && !e.event().contentHash().equals(e.contentHash())) {
            return new Problem(shard, e.sequence(), e.recordId(), Kind.MODIFIED, where
                    + " (an erasure or purge event) was modified: its content no longer matches its content hash");
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

    private void reportProgress() {
        reported = records + events;
        progress.checked(reported);
    }

    /**
     * The outcome for every shard checked so far; shards never checked count as empty. Reports the positions checked
     * to the progress, unless that count was the last reported.
     *
     * @return the verification, problems ordered by the time the broken record was stored, then by shard
     */
    public LedgerVerification result() {
        if (reported != records + events) {
            reportProgress();
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < problems.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer, Instant>comparing(problemTimes::get, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(i -> problems.get(i).shard()));
        List<Problem> sorted = order.stream().map(problems::get).toList();
        List<LedgerVerification.Purge> purgeList = purges.stream()
                .sorted(Comparator.comparingInt(LedgerVerification.Purge::shard).thenComparingLong(LedgerVerification.Purge::sequence))
                .toList();
        return new LedgerVerification(records, tombstones, events, shards, LedgerChain.anchor(headSequences, headHashes), sorted,
                purgeList);
    }
}
