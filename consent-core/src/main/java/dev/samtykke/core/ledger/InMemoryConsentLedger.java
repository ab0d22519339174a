package dev.samtykke.core.ledger;

import dev.samtykke.core.events.ConsentEvent;
import dev.samtykke.core.events.InMemoryConsentOutbox;
import dev.samtykke.core.ledger.spi.ChainEntry;
import dev.samtykke.core.ledger.spi.ChainVerifier;
import dev.samtykke.core.ledger.spi.EventCoverage;
import dev.samtykke.core.ledger.spi.KnownPolicies;
import dev.samtykke.core.ledger.spi.LedgerChain;
import dev.samtykke.core.ledger.spi.LedgerEvent;
import dev.samtykke.core.policy.ConsentPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A thread-safe {@link ConsentLedger} held in memory, for tests, demos and single-instance applications that
 * accept losing the ledger on restart. Each shard is guarded by its own lock, so appends for subjects of
 * different shards run in parallel; see the package documentation for the chaining scheme.
 *
 * <p>The ledger is bounded: it holds at most {@link Builder#maxRecords(int) maxRecords} entries (records,
 * tombstones and erasure or purge events; {@value #DEFAULT_MAX_RECORDS} by default), split evenly among its
 * shards. When a shard is full, an append first drops the shard's oldest sixteenth (at least one entry): its
 * checkpoint moves past them as a purge's does, and an {@link LedgerEvent.Kind#EVICTION eviction} event in the
 * chain records the positions dropped, so {@link #verify()} stays truthful. The first eviction is logged once, at
 * WARN. Records dropped this way are no longer proof of anything: give production a database.
 */
public final class InMemoryConsentLedger implements ConsentLedger {

    /** The default bound on the entries held: {@value}. */
    public static final int DEFAULT_MAX_RECORDS = 100_000;
    /** The fewest entries each shard must be able to hold. */
    static final int MIN_PER_SHARD = 4;

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryConsentLedger.class);

    private final Clock clock;
    private final KnownPolicies policies;
    private final Shard[] shards;
    private final int maxRecords;
    private final int perShard;
    private final AtomicBoolean evictionLogged = new AtomicBoolean();
    /** Where each record's and erasure's consent event goes, under the shard's lock; null for none. */
    private final InMemoryConsentOutbox outbox;

    /**
     * An empty ledger with {@value LedgerChain#DEFAULT_SHARDS} shards, the system UTC clock, accepting any policy,
     * holding at most {@value #DEFAULT_MAX_RECORDS} entries.
     */
    public InMemoryConsentLedger() {
        this(builder());
    }

    private InMemoryConsentLedger(Builder b) {
        this.clock = b.clock;
        this.policies = b.policies;
        this.maxRecords = b.maxRecords;
        this.outbox = b.outbox;
        this.perShard = b.maxRecords / b.shards;
        if (perShard < MIN_PER_SHARD) {
            throw new IllegalArgumentException("maxRecords must allow at least " + MIN_PER_SHARD + " entries per shard: "
                    + b.maxRecords + " for " + b.shards + " shards");
        }
        this.shards = new Shard[b.shards];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new Shard();
        }
    }

    /**
     * A builder for a ledger with a chosen clock, shard count or known policies.
     *
     * @return a builder with the defaults of {@link #InMemoryConsentLedger()}
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ConsentRecord append(NewConsentRecord record) {
        Objects.requireNonNull(record, "record");
        policies.check(record);
        String subjectId = record.decision().subjectId();
        int s = LedgerChain.shardOf(subjectId, shards.length);
        Shard shard = shards[s];
        String recordId = UUID.randomUUID().toString();
        synchronized (shard) {
            makeRoom(s, shard, 1);
            ConsentRecord sealed = LedgerChain.seal(record, recordId, clock.instant(), s, shard.headSequence + 1, shard.headHash);
            Entry entry = new Entry(ChainEntry.of(sealed));
            shard.entries.add(entry);
            shard.bySubject.computeIfAbsent(subjectId, k -> new ArrayList<>()).add(entry);
            shard.headSequence = sealed.sequence();
            shard.headHash = sealed.hash();
            if (outbox != null) {
                outbox.add(ConsentEvent.recorded(sealed));
            }
            return sealed;
        }
    }

    /** The most entries this ledger holds. */
    public int maxRecords() {
        return maxRecords;
    }

    /** Appends an erasure, purge or eviction event at the shard's head. Called holding the shard's monitor. */
    private void appendEvent(int s, Shard shard, LedgerEvent event) {
        ChainEntry sealed = LedgerChain.sealEvent(event, UUID.randomUUID().toString(), s, shard.headSequence + 1, shard.headHash);
        shard.entries.add(new Entry(sealed));
        shard.headSequence = sealed.sequence();
        shard.headHash = sealed.hash();
    }

    /**
     * Makes room for {@code needed} more entries in a full shard: drops its oldest sixteenth (at least enough),
     * moves the checkpoint past them and records an eviction event. Called holding the shard's monitor.
     */
    private void makeRoom(int s, Shard shard, int needed) {
        int size = shard.entries.size();
        if (size + needed + 1 <= perShard) {
            return;
        }
        int drop = Math.min(size, Math.max(Math.max(1, perShard / 16), size + needed + 1 - perShard));
        if (drop == 0) {
            return;
        }
        long first = shard.entries.get(0).value.sequence();
        dropLeading(shard, drop);
        if (evictionLogged.compareAndSet(false, true)) {
            LOG.warn("The in-memory consent ledger is full ({} records at most): it drops the oldest records of each full"
                    + " shard from now on, recording each drop in the chain. Configure a DataSource to keep proof of consent.",
                    maxRecords);
        }
        appendEvent(s, shard, LedgerEvent.eviction(clock.instant(), new LedgerEvent.Range(first, shard.baseSequence)));
    }

    /** Deletes the first {@code count} entries of a shard and moves its checkpoint to the last of them. */
    private static void dropLeading(Shard shard, int count) {
        List<Entry> dropped = shard.entries.subList(0, count);
        for (Entry e : dropped) {
            ConsentRecord r = e.value.record();
            if (r != null) {
                List<Entry> list = shard.bySubject.get(r.subjectId());
                list.remove(e);
                if (list.isEmpty()) {
                    shard.bySubject.remove(r.subjectId());
                }
            }
        }
        ChainEntry last = dropped.get(count - 1).value;
        shard.baseSequence = last.sequence();
        shard.baseHash = last.hash();
        dropped.clear();
    }

    @Override
    public List<ConsentRecord> appendAll(List<NewConsentRecord> records) {
        Objects.requireNonNull(records, "records");
        for (NewConsentRecord record : records) {
            policies.check(Objects.requireNonNull(record, "record"));
        }
        return ConsentLedger.super.appendAll(records);
    }

    @Override
    public Optional<ConsentRecord> latest(String subjectId) {
        Shard shard = shardOf(subjectId);
        synchronized (shard) {
            List<Entry> list = shard.bySubject.get(subjectId);
            return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1).value.record());
        }
    }

    @Override
    public List<ConsentRecord> history(String subjectId) {
        Shard shard = shardOf(subjectId);
        synchronized (shard) {
            List<Entry> list = shard.bySubject.get(subjectId);
            return list == null ? List.of() : list.stream().map(e -> e.value.record()).toList();
        }
    }

    @Override
    public List<ConsentRecord> historyPage(String subjectId, long beforeSequence, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        Shard shard = shardOf(subjectId);
        synchronized (shard) {
            List<Entry> list = shard.bySubject.get(subjectId);
            if (list == null) {
                return List.of();
            }
            // The subject's entries are in ascending sequence: find the first at or after the cursor, walk back from it.
            int low = 0;
            int high = list.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (list.get(mid).value.sequence() < beforeSequence) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            List<ConsentRecord> page = new ArrayList<>(Math.min(limit, low));
            for (int i = low - 1; i >= 0 && page.size() < limit; i--) {
                page.add(list.get(i).value.record());
            }
            return List.copyOf(page);
        }
    }

    @Override
    public String export(String subjectId, ConsentPolicy policy) {
        return ConsentRecordExport.toJson(subjectId, history(subjectId), policy, clock.instant());
    }

    @Override
    public int erase(String subjectId) {
        int s = LedgerChain.shardOf(LedgerChain.requireSubjectId(subjectId), shards.length);
        Shard shard = shards[s];
        synchronized (shard) {
            List<Entry> list = shard.bySubject.remove(subjectId);
            if (list == null) {
                return 0;
            }
            List<Long> positions = new ArrayList<>(list.size());
            for (Entry e : list) {
                e.value = e.value.tombstone();
                positions.add(e.value.sequence());
            }
            makeRoom(s, shard, 1);
            Instant now = clock.instant();
            appendEvent(s, shard, LedgerEvent.erasure(now, positions));
            if (outbox != null) {
                outbox.add(ConsentEvent.erased(subjectId, now, shard.headSequence));
            }
            return list.size();
        }
    }

    @Override
    public int purge(Instant olderThan) {
        return purgeWithResult(olderThan).recordsEmptied();
    }

    @Override
    public PurgeResult purgeWithResult(Instant olderThan) {
        Objects.requireNonNull(olderThan, "olderThan");
        PurgeResult purged = PurgeResult.NOTHING;
        for (int s = 0; s < shards.length; s++) {
            Shard shard = shards[s];
            synchronized (shard) {
                List<Long> positions = new ArrayList<>();
                for (Entry e : shard.entries) {
                    ConsentRecord r = e.value.record();
                    if (r != null && e.expiresAt.isBefore(olderThan)) {
                        List<Entry> list = shard.bySubject.get(r.subjectId());
                        list.remove(e);
                        if (list.isEmpty()) {
                            shard.bySubject.remove(r.subjectId());
                        }
                        e.value = e.value.tombstone();
                        positions.add(e.value.sequence());
                    }
                }
                // The leading run of expired tombstones and of events older than the cut-off goes; what it covered goes with
                // it. A tombstone no event covers, or one holding content, stays: it is evidence of tampering.
                EventCoverage coverage = EventCoverage.of(s, shard.entries.stream().map(e -> e.value).filter(ChainEntry::isEvent).toList());
                Set<Long> emptied = new HashSet<>(positions);
                int drop = 0;
                while (drop < shard.entries.size()) {
                    ChainEntry e = shard.entries.get(drop).value;
                    if (e.record() != null || !shard.entries.get(drop).expiresAt.isBefore(olderThan) || (e.isTombstone()
                            && (e.contentLeft() || !(emptied.contains(e.sequence()) || coverage.covers(e.sequence()))))) {
                        break;
                    }
                    drop++;
                }
                LedgerEvent.Range removed = null;
                if (drop > 0) {
                    removed = new LedgerEvent.Range(shard.entries.get(0).value.sequence(), shard.entries.get(drop - 1).value.sequence());
                    dropLeading(shard, drop);
                }
                if (!positions.isEmpty() || removed != null) {
                    makeRoom(s, shard, 1);
                    appendEvent(s, shard, LedgerEvent.purge(clock.instant(), olderThan, positions, removed));
                    purged = purged.plus(new PurgeResult(positions.size(), drop, 1));
                }
            }
        }
        return purged;
    }

    @Override
    public LedgerVerification verify() {
        return verify(VerificationProgress.none());
    }

    /** Reports as total the positions the shards held when it started; appends made meanwhile are checked too. */
    @Override
    public LedgerVerification verify(VerificationProgress progress) {
        ChainVerifier verifier = new ChainVerifier(shards.length, progress);
        long total = 0;
        for (Shard shard : shards) {
            synchronized (shard) {
                total += shard.headSequence - shard.baseSequence;
            }
        }
        progress.started(total);
        for (int i = 0; i < shards.length; i++) {
            Shard shard = shards[i];
            List<ChainEntry> snapshot;
            List<ChainEntry> events;
            long baseSequence;
            String baseHash;
            long headSequence;
            String headHash;
            synchronized (shard) {
                snapshot = shard.entries.stream().map(e -> e.value).toList();
                events = snapshot.stream().filter(ChainEntry::isEvent).toList();
                baseSequence = shard.baseSequence;
                baseHash = shard.baseHash;
                headSequence = shard.headSequence;
                headHash = shard.headHash;
            }
            verifier.checkShard(i, baseSequence, baseHash, headSequence, headHash, events, snapshot.iterator());
        }
        return verifier.result();
    }

    private Shard shardOf(String subjectId) {
        return shards[LedgerChain.shardOf(LedgerChain.requireSubjectId(subjectId), shards.length)];
    }

    // Package-private access for the tamper tests: they edit the stored chain the way an intruder would.

    /** The stored entries of a shard, in chain order; callers synchronise on {@link #lock(int)}. */
    List<Entry> storedEntries(int shard) {
        return shards[shard].entries;
    }

    /** The subject index of a shard; callers synchronise on {@link #lock(int)}. */
    Map<String, List<Entry>> storedSubjects(int shard) {
        return shards[shard].bySubject;
    }

    /** The lock of a shard. */
    Object lock(int shard) {
        return shards[shard];
    }

    @Override
    public String toString() {
        return "InMemoryConsentLedger[" + shards.length + " shards, at most " + maxRecords + " records]";
    }

    /** One chain: its checkpoint, head and entries. Guarded by its own monitor. */
    private static final class Shard {
        private final List<Entry> entries = new ArrayList<>();
        private final Map<String, List<Entry>> bySubject = new HashMap<>();
        private long baseSequence;
        private String baseHash = LedgerChain.GENESIS_HASH;
        private long headSequence;
        private String headHash = LedgerChain.GENESIS_HASH;
    }

    /** A stored entry; its value becomes a tombstone when erased or purged. An event "expires" when it happened. */
    static final class Entry {
        ChainEntry value;
        final Instant expiresAt;

        Entry(ChainEntry value) {
            this.value = value;
            this.expiresAt = value.isEvent() ? value.event().at() : value.record().expiresAt();
        }
    }

    /** Builds an {@link InMemoryConsentLedger}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private int shards = LedgerChain.DEFAULT_SHARDS;
        private KnownPolicies policies = KnownPolicies.none();
        private int maxRecords = DEFAULT_MAX_RECORDS;
        private InMemoryConsentOutbox outbox;

        private Builder() {
        }

        /**
         * The most entries (records, tombstones and erasure or purge events) the ledger holds, split evenly among its
         * shards; a full shard drops its oldest entries, recording an eviction event (see the class documentation).
         *
         * @param maxRecords at least {@value InMemoryConsentLedger#MIN_PER_SHARD} per shard; default
         *        {@value InMemoryConsentLedger#DEFAULT_MAX_RECORDS}
         * @return this builder
         */
        public Builder maxRecords(int maxRecords) {
            if (maxRecords < MIN_PER_SHARD) {
                throw new IllegalArgumentException("maxRecords must be at least " + MIN_PER_SHARD + ": " + maxRecords);
            }
            this.maxRecords = maxRecords;
            return this;
        }

        /**
         * The clock that stamps records and decides expiry in exports.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The number of chains; more shards let more appends run in parallel.
         *
         * @param shards 1 to {@value LedgerChain#MAX_SHARDS}
         * @return this builder
         */
        public Builder shards(int shards) {
            this.shards = LedgerChain.requireShards(shards);
            return this;
        }

        /**
         * Accept records of these policies only, see {@link KnownPolicies}.
         *
         * @param policies the policies (every accepted version); empty accepts any
         * @return this builder
         */
        public Builder policies(Collection<ConsentPolicy> policies) {
            this.policies = KnownPolicies.of(policies);
            return this;
        }

        /**
         * Adds a consent event to this outbox for every record appended and every subject erased, under the lock the
         * ledger appends or erases under (see {@code docs/events.md}).
         *
         * @param outbox the outbox
         * @return this builder
         */
        public Builder outbox(InMemoryConsentOutbox outbox) {
            this.outbox = Objects.requireNonNull(outbox, "outbox");
            return this;
        }

        /**
         * Builds the ledger.
         *
         * @return an empty ledger
         * @throws IllegalArgumentException if {@link #maxRecords(int)} leaves fewer than
         *         {@value InMemoryConsentLedger#MIN_PER_SHARD} entries per shard
         */
        public InMemoryConsentLedger build() {
            return new InMemoryConsentLedger(this);
        }
    }
}
