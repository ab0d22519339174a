package dev.samtykke.core.ledger;

import dev.samtykke.core.ledger.LedgerVerification.Kind;
import dev.samtykke.core.ledger.spi.ChainEntry;
import dev.samtykke.core.ledger.spi.LedgerEvent;
import dev.samtykke.core.policy.ConsentPolicy;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.samtykke.core.ledger.LedgerFixtures.T0;
import static dev.samtykke.core.ledger.LedgerFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryConsentLedgerTest extends ConsentLedgerContract {

    @Override
    protected ConsentLedger newLedger(Clock clock, Collection<ConsentPolicy> knownPolicies) {
        return InMemoryConsentLedger.builder().clock(clock).policies(knownPolicies).build();
    }

    @Override
    protected ConsentLedger sameStore(ConsentLedger ledger) {
        return ledger;
    }

    @Override
    protected Tampering tampering(ConsentLedger ledger) {
        InMemoryConsentLedger store = (InMemoryConsentLedger) ledger;
        return new Tampering() {
            @Override
            public void alterGrant(ConsentRecord record, String purposeId, boolean granted) {
                InMemoryConsentLedger.Entry entry = find(record);
                ConsentRecord r = entry.value.record();
                Map<String, Boolean> grants = new TreeMap<>(r.grants());
                grants.put(purposeId, granted);
                ConsentRecord altered = new ConsentRecord(r.recordId(), r.subjectId(), r.policyId(), r.policyVersion(), grants,
                        r.method(), r.decidedAt(), r.expiresAt(), r.locale(), r.collectionPoint(), r.noticeHash(), r.recordedAt(),
                        r.shard(), r.sequence(), r.previousHash(), r.hash());
                ChainEntry e = entry.value;
                entry.value = new ChainEntry(e.shard(), e.sequence(), e.recordId(), e.contentHash(), e.previousHash(), e.hash(),
                        e.recordedAt(), altered);
            }

            @Override
            public void delete(ConsentRecord record) {
                synchronized (store.lock(record.shard())) {
                    store.storedEntries(record.shard()).remove(find(record));
                }
            }

            @Override
            public void swap(ConsentRecord first, ConsentRecord second) {
                synchronized (store.lock(first.shard())) {
                    List<InMemoryConsentLedger.Entry> entries = store.storedEntries(first.shard());
                    int i = entries.indexOf(find(first));
                    int j = entries.indexOf(find(second));
                    InMemoryConsentLedger.Entry a = entries.get(i);
                    InMemoryConsentLedger.Entry b = entries.get(j);
                    long seqA = a.value.sequence();
                    a.value = moved(a.value, b.value.sequence());
                    b.value = moved(b.value, seqA);
                    entries.set(i, b);
                    entries.set(j, a);
                }
            }

            @Override
            public void insert(ConsentRecord forged) {
                synchronized (store.lock(forged.shard())) {
                    List<InMemoryConsentLedger.Entry> entries = store.storedEntries(forged.shard());
                    int at = entries.size();
                    for (int i = 0; i < entries.size(); i++) {
                        InMemoryConsentLedger.Entry e = entries.get(i);
                        if (e.value.sequence() >= forged.sequence()) {
                            at = Math.min(at, i);
                            e.value = moved(e.value, e.value.sequence() + 1);
                        }
                    }
                    entries.add(at, new InMemoryConsentLedger.Entry(ChainEntry.of(forged)));
                }
            }

            @Override
            public void forgeTombstone(ConsentRecord record) {
                synchronized (store.lock(record.shard())) {
                    InMemoryConsentLedger.Entry entry = find(record);
                    store.storedSubjects(record.shard()).get(record.subjectId()).remove(entry);
                    entry.value = entry.value.tombstone();
                }
            }

            @Override
            public void clearSubjectOnly(ConsentRecord record) {
                synchronized (store.lock(record.shard())) {
                    InMemoryConsentLedger.Entry entry = find(record);
                    store.storedSubjects(record.shard()).get(record.subjectId()).remove(entry);
                    entry.value = withContentLeft(entry.value);
                }
            }

            @Override
            public void restoreGrants(ConsentRecord erased) {
                synchronized (store.lock(erased.shard())) {
                    InMemoryConsentLedger.Entry entry = find(erased);
                    entry.value = withContentLeft(entry.value);
                }
            }

            @Override
            public void deleteEntry(int shard, long sequence) {
                synchronized (store.lock(shard)) {
                    assertThat(store.storedEntries(shard).removeIf(e -> e.value.sequence() == sequence)).isTrue();
                }
            }

            private InMemoryConsentLedger.Entry find(ConsentRecord record) {
                return store.storedEntries(record.shard()).stream().filter(e -> e.value.recordId().equals(record.recordId()))
                        .findFirst().orElseThrow();
            }
        };
    }

    /** A tombstone of the entry that still holds part of its content, as a store that emptied it half-way holds it. */
    private static ChainEntry withContentLeft(ChainEntry e) {
        return new ChainEntry(e.shard(), e.sequence(), e.recordId(), e.contentHash(), e.previousHash(), e.hash(), e.recordedAt(),
                null, null, true);
    }

    /** The entry as if its row had been given another sequence number. */
    private static ChainEntry moved(ChainEntry e, long sequence) {
        ConsentRecord r = e.record();
        ConsentRecord movedRecord = r == null ? null : new ConsentRecord(r.recordId(), r.subjectId(), r.policyId(), r.policyVersion(),
                r.grants(), r.method(), r.decidedAt(), r.expiresAt(), r.locale(), r.collectionPoint(), r.noticeHash(),
                r.recordedAt(), r.shard(), sequence, r.previousHash(), r.hash());
        return new ChainEntry(e.shard(), sequence, e.recordId(), e.contentHash(), e.previousHash(), e.hash(), e.recordedAt(), movedRecord);
    }

    @Test
    void defaultLedgerHasSixteenShardsAndTheSystemClock() {
        InMemoryConsentLedger ledger = new InMemoryConsentLedger();
        ConsentRecord stored = ledger.append(record("someone", T0, true, false));

        assertThat(ledger.verify().shards()).isEqualTo(16);
        assertThat(stored.recordedAt()).isAfter(T0.minusSeconds(86400 * 365 * 10L));
        assertThat(stored.shard()).isBetween(0, 15);
    }

    @Test
    void aFullLedgerDropsTheOldestRecordsOfAShardRecordsItAndStillVerifies() {
        InMemoryConsentLedger ledger = InMemoryConsentLedger.builder().shards(2).maxRecords(20).clock(clock).build();
        List<ConsentRecord> appended = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            appended.add(ledger.append(record("s-" + (i % 13), T0.plusSeconds(i), true, i % 2 == 0)));
            if (i == 100) {
                ledger.erase("s-4");
            }
        }

        int held = ledger.storedEntries(0).size() + ledger.storedEntries(1).size();
        assertThat(held).isLessThanOrEqualTo(20);
        LedgerVerification v = ledger.verify();
        assertThat(v.isIntact()).as(v.toString()).isTrue();
        assertThat(v.recordsChecked() + v.events()).isEqualTo(held);
        assertThat(ledger.storedEntries(0)).anySatisfy(e -> assertThat(e.value.isEvent()
                && e.value.event().kind() == LedgerEvent.Kind.EVICTION).isTrue());
        ConsentRecord last = appended.get(199);
        assertThat(ledger.latest(last.subjectId())).contains(last);
        assertThat(ledger.history("s-0")).doesNotContain(appended.get(0));

        ledger.append(record("s-1", T0, false, false));
        ConsentRecord victim = ledger.latest("s-1").orElseThrow();
        synchronized (ledger.lock(victim.shard())) {
            InMemoryConsentLedger.Entry entry = ledger.storedEntries(victim.shard()).stream()
                    .filter(e -> e.value.recordId().equals(victim.recordId())).findFirst().orElseThrow();
            entry.value = entry.value.tombstone();
        }
        assertThat(ledger.verify().firstProblem()).hasValueSatisfying(p -> assertThat(p.kind()).isEqualTo(Kind.UNCOVERED_TOMBSTONE));
    }

    @Test
    void isBoundedByDefaultAndRefusesABoundTooSmallForItsShards() {
        assertThat(new InMemoryConsentLedger().maxRecords()).isEqualTo(InMemoryConsentLedger.DEFAULT_MAX_RECORDS).isEqualTo(100_000);
        assertThatThrownBy(() -> InMemoryConsentLedger.builder().maxRecords(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InMemoryConsentLedger.builder().maxRecords(40).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("per shard");
    }

    @Test
    void oneShardStillWorksAsASingleChain() {
        InMemoryConsentLedger ledger = InMemoryConsentLedger.builder().shards(1).build();
        ConsentRecord a = ledger.append(record("a", T0, true, false));
        ConsentRecord b = ledger.append(record("b", T0, true, false));

        assertThat(b.previousHash()).isEqualTo(a.hash());
        assertThat(b.sequence()).isEqualTo(2);
        assertThat(ledger.verify().isIntact()).isTrue();
        assertThatThrownBy(() -> InMemoryConsentLedger.builder().shards(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
