package dev.samtykke.core.ledger;

import dev.samtykke.core.ledger.spi.ChainEntry;
import dev.samtykke.core.ledger.spi.ChainVerifier;
import dev.samtykke.core.ledger.spi.KnownPolicies;
import dev.samtykke.core.ledger.spi.LedgerChain;
import dev.samtykke.core.policy.ConsentPolicy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A thread-safe {@link ConsentLedger} held in memory, for tests, demos and single-instance applications that
 * accept losing the ledger on restart. Each shard is guarded by its own lock, so appends for subjects of
 * different shards run in parallel; see the package documentation for the chaining scheme.
 */
public final class InMemoryConsentLedger implements ConsentLedger {

    private final Clock clock;
    private final KnownPolicies policies;
    private final Shard[] shards;

    /** An empty ledger with {@value LedgerChain#DEFAULT_SHARDS} shards, the system UTC clock, accepting any policy. */
    public InMemoryConsentLedger() {
        this(builder());
    }

    private InMemoryConsentLedger(Builder b) {
        this.clock = b.clock;
        this.policies = b.policies;
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
            ConsentRecord sealed = LedgerChain.seal(record, recordId, clock.instant(), s, shard.headSequence + 1, shard.headHash);
            Entry entry = new Entry(ChainEntry.of(sealed));
            shard.entries.add(entry);
            shard.bySubject.computeIfAbsent(subjectId, k -> new ArrayList<>()).add(entry);
            shard.headSequence = sealed.sequence();
            shard.headHash = sealed.hash();
            return sealed;
        }
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
    public String export(String subjectId, ConsentPolicy policy) {
        return ConsentRecordExport.toJson(subjectId, history(subjectId), policy, clock.instant());
    }

    @Override
    public int erase(String subjectId) {
        Shard shard = shardOf(subjectId);
        synchronized (shard) {
            List<Entry> list = shard.bySubject.remove(subjectId);
            if (list == null) {
                return 0;
            }
            for (Entry e : list) {
                e.value = e.value.tombstone();
            }
            return list.size();
        }
    }

    @Override
    public int purge(Instant olderThan) {
        Objects.requireNonNull(olderThan, "olderThan");
        int purged = 0;
        for (Shard shard : shards) {
            synchronized (shard) {
                for (Entry e : shard.entries) {
                    if (!e.value.isTombstone() && e.expiresAt.isBefore(olderThan)) {
                        List<Entry> list = shard.bySubject.get(e.value.record().subjectId());
                        list.remove(e);
                        if (list.isEmpty()) {
                            shard.bySubject.remove(e.value.record().subjectId());
                        }
                        e.value = e.value.tombstone();
                        purged++;
                    }
                }
                int drop = 0;
                while (drop < shard.entries.size() && shard.entries.get(drop).value.isTombstone()
                        && shard.entries.get(drop).expiresAt.isBefore(olderThan)) {
                    drop++;
                }
                if (drop > 0) {
                    ChainEntry last = shard.entries.get(drop - 1).value;
                    shard.baseSequence = last.sequence();
                    shard.baseHash = last.hash();
                    shard.entries.subList(0, drop).clear();
                }
            }
        }
        return purged;
    }

    @Override
    public LedgerVerification verify() {
        ChainVerifier verifier = new ChainVerifier(shards.length);
        for (int i = 0; i < shards.length; i++) {
            Shard shard = shards[i];
            List<ChainEntry> snapshot;
            long baseSequence;
            String baseHash;
            long headSequence;
            String headHash;
            synchronized (shard) {
                snapshot = shard.entries.stream().map(e -> e.value).toList();
                baseSequence = shard.baseSequence;
                baseHash = shard.baseHash;
                headSequence = shard.headSequence;
                headHash = shard.headHash;
            }
            verifier.checkShard(i, baseSequence, baseHash, headSequence, headHash, snapshot.iterator());
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

    /** The lock of a shard. */
    Object lock(int shard) {
        return shards[shard];
    }

    @Override
    public String toString() {
        return "InMemoryConsentLedger[" + shards.length + " shards]";
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

    /** A stored entry; its value becomes a tombstone when erased or purged. */
    static final class Entry {
        ChainEntry value;
        final Instant expiresAt;

        Entry(ChainEntry value) {
            this.value = value;
            this.expiresAt = value.record().expiresAt();
        }
    }

    /** Builds an {@link InMemoryConsentLedger}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private int shards = LedgerChain.DEFAULT_SHARDS;
        private KnownPolicies policies = KnownPolicies.none();

        private Builder() {
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
         * Builds the ledger.
         *
         * @return an empty ledger
         */
        public InMemoryConsentLedger build() {
            return new InMemoryConsentLedger(this);
        }
    }
}
