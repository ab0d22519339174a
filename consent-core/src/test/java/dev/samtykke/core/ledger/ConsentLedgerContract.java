package dev.samtykke.core.ledger;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.testing.MutableClock;
import dev.samtykke.core.ledger.LedgerVerification.Kind;
import dev.samtykke.core.ledger.spi.LedgerChain;
import dev.samtykke.core.policy.ConsentPolicy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static dev.samtykke.core.ledger.LedgerFixtures.POLICY;
import static dev.samtykke.core.ledger.LedgerFixtures.T0;
import static dev.samtykke.core.ledger.LedgerFixtures.decision;
import static dev.samtykke.core.ledger.LedgerFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link ConsentLedger} shares. A store's test extends this class and says how to make
 * a fresh ledger, a second instance on the same store, and how an intruder would edit the stored chain.
 */
public abstract class ConsentLedgerContract implements VerificationProgressContract {

    /** The clock of the ledgers made by {@link #ledger()}. */
    protected final MutableClock clock = new MutableClock(T0);
    private ConsentLedger ledger;

    /**
     * A fresh, empty ledger.
     *
     * @param clock its clock
     * @param knownPolicies the policies it accepts; empty for any
     */
    protected abstract ConsentLedger newLedger(Clock clock, Collection<ConsentPolicy> knownPolicies);

    /** Another instance on the same store as {@code ledger}, as a second application instance would have. */
    protected abstract ConsentLedger sameStore(ConsentLedger ledger);

    /** Edits {@code ledger}'s stored chain behind its back. */
    protected abstract Tampering tampering(ConsentLedger ledger);

    /** An intruder's edits of the stored chain; none of them fixes the hashes of other records or the shard head. */
    protected interface Tampering {
        /** Changes one grant of the stored record, leaving its hashes. */
        void alterGrant(ConsentRecord record, String purposeId, boolean granted);

        /** Deletes the stored record. */
        void delete(ConsentRecord record);

        /** Makes two records of one shard exchange their positions. */
        void swap(ConsentRecord first, ConsentRecord second);

        /** Stores {@code forged} at {@code forged.sequence()}, shifting the records from there on one position up. */
        void insert(ConsentRecord forged);

        /** Removes every content field of the stored record, as an erasure would, without recording an erasure. */
        void forgeTombstone(ConsentRecord record);

        /** Removes only the subject id of the stored record, leaving the rest of its content. */
        void clearSubjectOnly(ConsentRecord record);

        /** Puts the grants of an erased record back into its tombstone. */
        void restoreGrants(ConsentRecord erased);

        /** Deletes whatever is stored at this position of the chain: a record, a tombstone or an erasure or purge event. */
        void deleteEntry(int shard, long sequence);
    }

    /** The ledger under test: fresh for each test, on {@link #clock}, accepting any policy. */
    @Override
    public ConsentLedger ledger() {
        if (ledger == null) {
            ledger = newLedger(clock, List.of());
        }
        return ledger;
    }

    private static String subject(int i) {
        return "subject-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ------------------------------------------------------------------ appending and reading

    @Test
    void appendReturnsTheSealedRecordWithEveryField() {
        ConsentDecision d = decision("visitor-1", ConsentMethod.CUSTOM, T0.minusSeconds(2), "stats", true, "ads", false);
        NewConsentRecord r = NewConsentRecord.of(d, POLICY, Locale.forLanguageTag("en"), "/products/shoes?utm_source=mail");

        ConsentRecord stored = ledger().append(r);

        assertThat(stored.recordId()).matches("[0-9a-f-]{36}");
        assertThat(stored.decision()).isEqualTo(d);
        assertThat(stored.locale()).isEqualTo("en");
        assertThat(stored.collectionPoint()).isEqualTo("/products/shoes");
        assertThat(stored.noticeHash()).isEqualTo(NoticeHash.of(POLICY, Locale.ENGLISH));
        assertThat(stored.recordedAt()).isEqualTo(T0);
        assertThat(stored.sequence()).isEqualTo(1);
        assertThat(stored.previousHash()).isEqualTo(LedgerChain.GENESIS_HASH);
        assertThat(stored.hash()).matches("[0-9a-f]{64}").isNotEqualTo(LedgerChain.GENESIS_HASH);
        assertThat(ledger().latest("visitor-1")).contains(stored);
    }

    @Test
    void latestIsTheLastAppendedAndHistoryIsOldestFirst() {
        ConsentRecord first = ledger().append(record("visitor-2", T0, true, true));
        clock.advance(Duration.ofMinutes(5));
        ConsentRecord second = ledger().append(record("visitor-2", T0.plusSeconds(300), true, false));
        ConsentRecord other = ledger().append(record("visitor-3", T0.plusSeconds(300), false, false));
        clock.advance(Duration.ofMinutes(5));
        ConsentRecord third = ledger().append(record(decision("visitor-2", ConsentMethod.WITHDRAW, T0.plusSeconds(600),
                "stats", false, "ads", false)));

        assertThat(ledger().latest("visitor-2")).contains(third);
        assertThat(ledger().history("visitor-2")).containsExactly(first, second, third);
        assertThat(ledger().history("visitor-3")).containsExactly(other);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(third.sequence()).isEqualTo(first.sequence() + 2);
    }

    @Test
    void recordsGrantsRefusalsAndWithdrawalsAlike() {
        ConsentRecord given = ledger().append(record(decision("v", ConsentMethod.ACCEPT_ALL, T0, "stats", true, "ads", true)));
        ConsentRecord partial = ledger().append(record(decision("v", ConsentMethod.CUSTOM, T0, "stats", true, "ads", false)));
        ConsentRecord refused = ledger().append(record(decision("v", ConsentMethod.REJECT_ALL, T0, "stats", false, "ads", false)));
        ConsentRecord gpc = ledger().append(record(decision("v", ConsentMethod.GPC, T0, "stats", false, "ads", false)));
        ConsentRecord withdrawn = ledger().append(record(decision("v", ConsentMethod.WITHDRAW, T0, "stats", false, "ads", false)));

        assertThat(List.of(given, partial, refused, gpc, withdrawn)).extracting(ConsentRecord::state).containsExactly(
                ConsentRecord.State.GIVEN, ConsentRecord.State.PARTIALLY_GIVEN, ConsentRecord.State.REFUSED,
                ConsentRecord.State.REFUSED, ConsentRecord.State.WITHDRAWN);
        assertThat(ledger().history("v")).extracting(ConsentRecord::method).containsExactly(ConsentMethod.ACCEPT_ALL,
                ConsentMethod.CUSTOM, ConsentMethod.REJECT_ALL, ConsentMethod.GPC, ConsentMethod.WITHDRAW);
        assertThat(ledger().latest("v").orElseThrow().grants("stats")).isFalse();
    }

    @Test
    void storesInstantsToTheMicrosecond() {
        Instant precise = Instant.parse("2026-11-25T11:59:59.123456789Z");
        clock.set(precise);
        ConsentRecord stored = ledger().append(record(decision("precise", ConsentMethod.API, precise, "stats", true)));

        assertThat(stored.decidedAt()).isEqualTo(Instant.parse("2026-11-25T11:59:59.123456Z"));
        assertThat(stored.recordedAt()).isEqualTo(Instant.parse("2026-11-25T11:59:59.123456Z"));
        assertThat(ledger().latest("precise")).contains(stored);
        assertThat(ledger().verify().isIntact()).isTrue();
    }

    @Test
    void unknownSubjectHasNoRecords() {
        ledger().append(record("known", T0, true, true));

        assertThat(ledger().latest("unknown")).isEmpty();
        assertThat(ledger().history("unknown")).isEmpty();
        assertThat(ledger().erase("unknown")).isZero();
        assertThat(json(ledger().export("unknown", POLICY)).get("records")).isEmpty();
    }

    @Test
    void historyPageWalksASubjectsRecordsNewestFirstAPageAtATime() {
        List<String> sameShard = subjectsInOneShard(2);
        String pager = sameShard.get(0);
        List<NewConsentRecord> batch = new ArrayList<>();
        for (int i = 0; i < 2100; i++) {
            batch.add(record(pager, T0.plusSeconds(i), i % 2 == 0, i % 3 == 0));
            if (i % 7 == 0) {
                batch.add(record(sameShard.get(1), T0.plusSeconds(i), true, true));
            }
        }
        ledger().appendAll(batch);
        List<ConsentRecord> history = ledger().history(pager);
        assertThat(history).hasSize(2100);

        List<ConsentRecord> joined = new ArrayList<>();
        long cursor = Long.MAX_VALUE;
        int pages = 0;
        while (true) {
            List<ConsentRecord> page = ledger().historyPage(pager, cursor, 500);
            pages++;
            joined.addAll(page);
            if (page.size() < 500) {
                break;
            }
            cursor = page.get(page.size() - 1).sequence();
        }

        List<ConsentRecord> reversed = new ArrayList<>(history);
        java.util.Collections.reverse(reversed);
        assertThat(joined).containsExactlyElementsOf(reversed);
        assertThat(pages).isEqualTo(5);
        assertThat(ledger().historyPage(pager, history.get(10).sequence(), 3))
                .containsExactly(history.get(9), history.get(8), history.get(7));
        assertThat(ledger().historyPage(pager, history.get(10).sequence() + 1, 1)).containsExactly(history.get(10));
        assertThat(ledger().historyPage(pager, history.get(0).sequence(), 5)).isEmpty();
        assertThat(ledger().historyPage(pager, Long.MAX_VALUE, 1)).containsExactly(history.get(2099));
        assertThat(ledger().historyPage("nobody-here", Long.MAX_VALUE, 10)).isEmpty();
        assertThatThrownBy(() -> ledger().historyPage(pager, Long.MAX_VALUE, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger().historyPage(" ", Long.MAX_VALUE, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject id");
    }

    @Test
    void rejectsNullBlankAndOversizedSubjectIds() {
        List<String> bad = new ArrayList<>();
        bad.add(null);
        bad.add("");
        bad.add("   ");
        bad.add("with space");
        bad.add("x".repeat(LedgerChain.MAX_SUBJECT_ID_LENGTH + 1));
        bad.add("ctrl\u0001char");
        List<Consumer<String>> calls = List.of(ledger()::latest, ledger()::history, ledger()::erase,
                s -> ledger().export(s, POLICY));
        for (String subject : bad) {
            for (Consumer<String> call : calls) {
                assertThatThrownBy(() -> call.accept(subject)).as("subject id %s", subject)
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject id");
            }
            if (subject != null) {
                assertThatThrownBy(() -> ledger().append(record(subject, T0, true, true)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject id");
            }
        }
        assertThat(ledger().latest("x".repeat(LedgerChain.MAX_SUBJECT_ID_LENGTH))).isEmpty();
        assertThat(ledger().verify().recordsChecked()).isZero();
    }

    @Test
    void appendAllStoresEveryRecordInOrderOrNone() {
        List<NewConsentRecord> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add(record("batch-" + (i % 7), T0.plusSeconds(i), i % 2 == 0, i % 3 == 0));
        }

        List<ConsentRecord> stored = ledger().appendAll(batch);

        assertThat(stored).hasSize(40);
        for (int i = 0; i < 40; i++) {
            assertThat(stored.get(i).decision()).isEqualTo(batch.get(i).decision());
        }
        assertThat(ledger().history("batch-3")).containsExactlyElementsOf(
                stored.stream().filter(r -> r.subjectId().equals("batch-3")).toList());
        assertThat(ledger().verify().isIntact()).isTrue();
        assertThat(ledger().verify().recordsChecked()).isEqualTo(40);
    }

    // ------------------------------------------------------------------ known policies

    @Test
    void ledgerWithoutKnownPoliciesAcceptsAnyPolicy() {
        ConsentDecision other = new ConsentDecision("v", "some-other-policy", POLICY.version(), Map.of("x", true),
                ConsentMethod.API, T0, T0.plusSeconds(60));

        ConsentRecord stored = ledger().append(new NewConsentRecord(other, "en", "/", "ab".repeat(32)));

        assertThat(stored.policyId()).isEqualTo("some-other-policy");
    }

    @Test
    void ledgerWithKnownPoliciesRejectsRecordsItCannotProve() {
        ConsentLedger strict = newLedger(clock, List.of(POLICY));
        String nbHash = NoticeHash.of(POLICY, Locale.forLanguageTag("nb"));
        ConsentDecision good = decision("v", ConsentMethod.CUSTOM, T0, "stats", true, "ads", false);

        assertThatThrownBy(() -> strict.append(new NewConsentRecord(new ConsentDecision("v", "other", POLICY.version(),
                Map.of(), ConsentMethod.API, T0, T0), "nb", "/", nbHash)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown policy 'other'");
        assertThatThrownBy(() -> strict.append(new NewConsentRecord(new ConsentDecision("v", "shop", POLICY.version().nextMajor(),
                Map.of(), ConsentMethod.API, T0, T0), "nb", "/", nbHash)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown version 2.0");
        assertThatThrownBy(() -> strict.append(record(decision("v", ConsentMethod.CUSTOM, T0, "stats", true, "security", true))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no consent-based or objectable purpose 'security'");
        assertThatThrownBy(() -> strict.append(record(decision("v", ConsentMethod.CUSTOM, T0, "nosuch", true))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nosuch'");
        assertThatThrownBy(() -> strict.append(new NewConsentRecord(good, "en", "/", nbHash)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notice hash");

        assertThat(strict.history("v")).isEmpty();
        assertThat(strict.append(record(good)).noticeHash()).isEqualTo(nbHash);
        assertThat(strict.history("v")).hasSize(1);
    }

    // ------------------------------------------------------------------ verification and tampering

    @Test
    void verifiesAnUntouchedLedger() {
        for (int i = 0; i < 60; i++) {
            ledger().append(record(subject(i % 20), T0, i % 2 == 0, false));
        }

        LedgerVerification v = ledger().verify();

        assertThat(v.isIntact()).as(v.toString()).isTrue();
        assertThat(v.recordsChecked()).isEqualTo(60);
        assertThat(v.tombstones()).isZero();
        assertThat(v.anchor()).matches("[0-9a-f]{64}");
        assertThat(v.firstProblem()).isEmpty();
    }

    @Test
    void anchorChangesWithEveryAppend() {
        String empty = ledger().verify().anchor();
        ledger().append(record("a", T0, true, true));
        String one = ledger().verify().anchor();

        assertThat(one).isNotEqualTo(empty);
        assertThat(ledger().verify().anchor()).isEqualTo(one);
    }

    @Test
    void detectsAModifiedRecordAndNamesIt() {
        List<ConsentRecord> chain = chainOf("victim", 4);
        ledger().append(record("bystander", T0, true, true));

        tampering(ledger()).alterGrant(chain.get(1), "ads", true);

        LedgerVerification v = ledger().verify();
        assertThat(v.isIntact()).isFalse();
        LedgerVerification.Problem p = v.firstProblem().orElseThrow();
        assertThat(p.recordId()).isEqualTo(chain.get(1).recordId());
        assertThat(p.kind()).isEqualTo(Kind.MODIFIED);
        assertThat(p.sequence()).isEqualTo(chain.get(1).sequence());
        assertThat(p.message()).contains(chain.get(1).recordId());
    }

    @Test
    void detectsADeletedRecordAndNamesTheOneAfterTheGap() {
        List<ConsentRecord> chain = chainOf("victim", 4);

        tampering(ledger()).delete(chain.get(1));

        LedgerVerification.Problem p = ledger().verify().firstProblem().orElseThrow();
        assertThat(p.recordId()).isEqualTo(chain.get(2).recordId());
        assertThat(p.kind()).isEqualTo(Kind.MISSING);
        assertThat(p.message()).contains("missing");
    }

    @Test
    void detectsADeletedLastRecord() {
        List<ConsentRecord> chain = chainOf("victim", 3);

        tampering(ledger()).delete(chain.get(2));

        LedgerVerification.Problem p = ledger().verify().firstProblem().orElseThrow();
        assertThat(p.kind()).isEqualTo(Kind.HEAD_MISMATCH);
        assertThat(p.sequence()).isEqualTo(chain.get(2).sequence());
    }

    @Test
    void detectsReorderedRecords() {
        List<ConsentRecord> chain = chainOf("victim", 4);

        tampering(ledger()).swap(chain.get(1), chain.get(2));

        LedgerVerification.Problem p = ledger().verify().firstProblem().orElseThrow();
        assertThat(p.recordId()).isEqualTo(chain.get(2).recordId());
        assertThat(p.sequence()).isEqualTo(chain.get(1).sequence());
    }

    @Test
    void detectsARecordInsertedInTheMiddleEvenWithAValidHash() {
        List<ConsentRecord> chain = chainOf("victim", 3);
        ConsentRecord forged = LedgerChain.seal(record("victim", T0, true, true), UUID.randomUUID().toString(), T0,
                chain.get(0).shard(), chain.get(0).sequence() + 1, chain.get(0).hash());

        tampering(ledger()).insert(forged);

        LedgerVerification.Problem p = ledger().verify().firstProblem().orElseThrow();
        assertThat(p.recordId()).isEqualTo(chain.get(1).recordId());
        assertThat(p.kind()).isEqualTo(Kind.MODIFIED);
    }

    @Test
    void detectsARecordAddedAfterTheHead() {
        List<ConsentRecord> chain = chainOf("victim", 2);
        ConsentRecord last = chain.get(1);
        ConsentRecord forged = LedgerChain.seal(record("victim", T0, true, true), UUID.randomUUID().toString(), T0,
                last.shard(), last.sequence() + 1, last.hash());

        tampering(ledger()).insert(forged);

        LedgerVerification.Problem p = ledger().verify().firstProblem().orElseThrow();
        assertThat(p.recordId()).isEqualTo(forged.recordId());
        assertThat(p.kind()).isEqualTo(Kind.HEAD_MISMATCH);
    }

    /** {@code n} distinct subjects that share one shard of a ledger of {@value LedgerChain#DEFAULT_SHARDS} shards. */
    protected static List<String> subjectsInOneShard(int n) {
        List<String> found = new ArrayList<>();
        int shard = -1;
        for (int i = 0; found.size() < n; i++) {
            String s = "same-shard-" + i;
            int si = LedgerChain.shardOf(s, LedgerChain.DEFAULT_SHARDS);
            if (shard < 0) {
                shard = si;
            }
            if (si == shard) {
                found.add(s);
            }
        }
        return found;
    }

    private List<ConsentRecord> chainOf(String subjectId, int n) {
        List<ConsentRecord> chain = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            chain.add(ledger().append(record(subjectId, T0.plusSeconds(i), i % 2 == 0, false)));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(ledger().verify().isIntact()).isTrue();
        return chain;
    }

    // ------------------------------------------------------------------ erasure

    @Test
    void eraseRemovesTheSubjectButKeepsTheLedgerVerifiable() {
        chainOf("leaving", 3);
        List<ConsentRecord> staying = chainOf("staying", 2);

        assertThat(ledger().erase("leaving")).isEqualTo(3);

        assertThat(ledger().latest("leaving")).isEmpty();
        assertThat(ledger().history("leaving")).isEmpty();
        assertThat(json(ledger().export("leaving", POLICY)).get("records")).isEmpty();
        assertThat(ledger().history("staying")).containsExactlyElementsOf(staying);
        LedgerVerification v = ledger().verify();
        assertThat(v.isIntact()).as(v.toString()).isTrue();
        assertThat(v.recordsChecked()).isEqualTo(5);
        assertThat(v.tombstones()).isEqualTo(3);
        assertThat(v.events()).isEqualTo(1);
        assertThat(ledger().erase("leaving")).isZero();

        ConsentRecord after = ledger().append(record("leaving", T0, false, false));
        assertThat(ledger().history("leaving")).containsExactly(after);
        assertThat(ledger().verify().isIntact()).isTrue();
    }

    @Test
    void eraseAppendsAnErasureEventToTheSubjectsChain() {
        List<ConsentRecord> chain = chainOf("leaving", 3);

        ledger().erase("leaving");
        ConsentRecord next = ledger().append(record("leaving", T0, true, true));

        ConsentRecord last = chain.get(2);
        assertThat(next.shard()).isEqualTo(last.shard());
        assertThat(next.sequence()).as("the erasure event took the position after the erased records")
                .isEqualTo(last.sequence() + 2);
        assertThat(next.previousHash()).isNotEqualTo(last.hash());
        LedgerVerification v = ledger().verify();
        assertThat(v.isIntact()).as(v.toString()).isTrue();
        assertThat(v.events()).isEqualTo(1);
        assertThat(v.tombstones()).isEqualTo(3);
        assertThat(ledger().history("leaving")).containsExactly(next);
        assertThat(ledger().historyPage("leaving", Long.MAX_VALUE, 10)).containsExactly(next);
    }

    @Test
    void detectsAForgedTombstoneThatHidesAWithdrawal() {
        ConsentRecord given = ledger().append(record(decision("hidden", ConsentMethod.ACCEPT_ALL, T0, "stats", true, "ads", true)));
        clock.advance(Duration.ofSeconds(1));
        ConsentRecord withdrawn = ledger().append(record(decision("hidden", ConsentMethod.WITHDRAW, T0.plusSeconds(1),
                "stats", false, "ads", false)));
        ledger().append(record("bystander", T0, true, false));

        tampering(ledger()).forgeTombstone(withdrawn);

        assertThat(ledger().latest("hidden")).as("the store itself is fooled").contains(given);
        LedgerVerification v = ledger().verify();
        assertThat(v.isIntact()).isFalse();
        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.UNCOVERED_TOMBSTONE);
            assertThat(p.recordId()).isEqualTo(withdrawn.recordId());
            assertThat(p.sequence()).isEqualTo(withdrawn.sequence());
            assertThat(p.message()).contains(withdrawn.recordId());
        });
    }

    @Test
    void detectsASubjectIdClearedWithTheRestOfTheContentLeft() {
        List<ConsentRecord> chain = chainOf("half-hidden", 3);

        tampering(ledger()).clearSubjectOnly(chain.get(1));

        assertThat(ledger().verify().problems())
                .filteredOn(p -> chain.get(1).recordId().equals(p.recordId()))
                .extracting(LedgerVerification.Problem::kind)
                .contains(Kind.UNCOVERED_TOMBSTONE, Kind.CONTENT_LEFT);
    }

    @Test
    void detectsATombstoneThatStillHoldsContent() {
        List<ConsentRecord> chain = chainOf("leaving", 3);
        ledger().erase("leaving");

        tampering(ledger()).restoreGrants(chain.get(1));

        LedgerVerification v = ledger().verify();
        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.CONTENT_LEFT);
            assertThat(p.recordId()).isEqualTo(chain.get(1).recordId());
        });
    }

    @Test
    void detectsADeletedErasureEvent() {
        List<ConsentRecord> chain = chainOf("leaving", 3);
        ledger().erase("leaving");
        ConsentRecord after = ledger().append(record("leaving", T0, false, false));
        long eventSequence = after.sequence() - 1;

        tampering(ledger()).deleteEntry(after.shard(), eventSequence);

        LedgerVerification v = ledger().verify();
        assertThat(v.isIntact()).isFalse();
        assertThat(v.problems()).filteredOn(p -> p.kind() == Kind.UNCOVERED_TOMBSTONE)
                .extracting(LedgerVerification.Problem::recordId)
                .containsExactlyInAnyOrderElementsOf(chain.stream().map(ConsentRecord::recordId).toList());
        assertThat(v.problems()).filteredOn(p -> p.kind() == Kind.MISSING).singleElement()
                .satisfies(p -> assertThat(p.recordId()).isEqualTo(after.recordId()));
    }

    @Test
    void detectsADeletedErasureEventAtTheEndOfTheChain() {
        List<ConsentRecord> chain = chainOf("leaving", 2);
        ledger().erase("leaving");

        tampering(ledger()).deleteEntry(chain.get(1).shard(), chain.get(1).sequence() + 1);

        assertThat(ledger().verify().problems()).extracting(LedgerVerification.Problem::kind)
                .contains(Kind.HEAD_MISMATCH, Kind.UNCOVERED_TOMBSTONE);
    }

    @Test
    void tamperingAroundTombstonesIsStillDetected() {
        List<ConsentRecord> chain = chainOf("leaving", 3);
        ledger().erase("leaving");

        tampering(ledger()).delete(chain.get(1));

        LedgerVerification.Problem p = ledger().verify().firstProblem().orElseThrow();
        assertThat(p.recordId()).isEqualTo(chain.get(2).recordId());
        assertThat(p.kind()).isEqualTo(Kind.MISSING);
    }

    // ------------------------------------------------------------------ purge

    @Test
    void purgeRemovesExpiredRecordsAndKeepsTheLedgerVerifiable() {
        Instant old = T0.minus(Duration.ofDays(800));
        for (int i = 0; i < 10; i++) {
            ledger().append(record("old-" + i, old, true, false));
        }
        ConsentRecord current = ledger().append(record("current", T0, true, true));
        ConsentRecord oldButLater = ledger().append(record("old-late", old, false, false));
        ledger().erase("old-3");

        int purged = ledger().purge(T0);

        assertThat(purged).isEqualTo(10);
        assertThat(ledger().history("old-1")).isEmpty();
        assertThat(ledger().history("old-late")).isEmpty();
        assertThat(ledger().history("current")).containsExactly(current);
        LedgerVerification v = ledger().verify();
        assertThat(v.isIntact()).as(v.toString()).isTrue();
        assertThat(v.recordsChecked()).isLessThan(12);
        assertThat(ledger().purge(T0)).isZero();
        assertThat(oldButLater.sequence()).isPositive();

        ConsentRecord next = ledger().append(record("old-1", T0, true, true));
        assertThat(ledger().history("old-1")).containsExactly(next);
        assertThat(ledger().verify().isIntact()).isTrue();
    }

    @Test
    void verifyReportsWhatEachPurgeEmptiedAndDeletedAndTheCheckpointItMovedTo() {
        List<String> subjects = subjectsInOneShard(4);
        Instant old = T0.minus(Duration.ofDays(800));
        ConsentRecord first = ledger().append(record(subjects.get(0), old, true, true));
        ledger().append(record(subjects.get(1), old, false, false));
        ConsentRecord live = ledger().append(record(subjects.get(2), T0, true, true));
        ConsentRecord behind = ledger().append(record(subjects.get(3), old, true, false));
        clock.advance(Duration.ofMinutes(1));

        PurgeResult result = ledger().purgeWithResult(T0);

        assertThat(result).isEqualTo(new PurgeResult(3, 2, 1));
        LedgerVerification v = ledger().verify();
        assertThat(v.isIntact()).as(v.toString()).isTrue();
        assertThat(v.purges()).singleElement().satisfies(p -> {
            assertThat(p.shard()).isEqualTo(live.shard());
            assertThat(p.sequence()).isEqualTo(behind.sequence() + 1);
            assertThat(p.at()).isEqualTo(clock.instant());
            assertThat(p.cutoff()).isEqualTo(T0);
            assertThat(p.recordsEmptied()).isEqualTo(3);
            assertThat(p.removedFrom()).isEqualTo(first.sequence());
            assertThat(p.checkpoint()).isEqualTo(first.sequence() + 1);
        });
        assertThat(ledger().purgeWithResult(T0)).as("nothing left to purge, no event").isEqualTo(PurgeResult.NOTHING);

        // Once everything before it is past the cut-off, a later purge deletes the first purge's event and names its own.
        clock.advance(Duration.ofDays(1200));
        assertThat(ledger().purgeWithResult(clock.instant()).eventsWritten()).isPositive();
        LedgerVerification later = ledger().verify();
        assertThat(later.isIntact()).as(later.toString()).isTrue();
        assertThat(later.purges()).filteredOn(p -> p.shard() == live.shard()).singleElement()
                .satisfies(p -> assertThat(p.checkpoint()).isEqualTo(behind.sequence() + 1));
    }

    @Test
    void purgeNeverTouchesARecordStillInForce() {
        ConsentRecord live = ledger().append(record("live", T0, true, true));

        assertThat(ledger().purge(T0.plus(Duration.ofDays(364)))).isZero();
        assertThat(ledger().history("live")).containsExactly(live);
        assertThat(ledger().purge(T0.plus(Duration.ofDays(366)))).isEqualTo(1);
        assertThat(ledger().history("live")).isEmpty();
        assertThat(ledger().verify().isIntact()).isTrue();
    }

    @Test
    void aPurgeEventCoversTheTombstonesItLeavesBehindARecordInForce() {
        List<String> subjects = subjectsInOneShard(3);
        Instant old = T0.minus(Duration.ofDays(800));
        ledger().append(record(subjects.get(0), old, true, true));
        ConsentRecord live = ledger().append(record(subjects.get(1), T0, true, true));
        ConsentRecord expiredBehind = ledger().append(record(subjects.get(2), old, false, false));

        assertThat(ledger().purge(T0)).isEqualTo(2);

        LedgerVerification v = ledger().verify();
        assertThat(v.isIntact()).as(v.toString()).isTrue();
        assertThat(v.tombstones()).as("the expired record behind the live one stays as a tombstone").isEqualTo(1);
        assertThat(v.events()).isEqualTo(1);
        assertThat(ledger().history(subjects.get(1))).containsExactly(live);

        tampering(ledger()).deleteEntry(live.shard(), expiredBehind.sequence() + 1);

        assertThat(ledger().verify().problems()).filteredOn(p -> p.kind() == Kind.UNCOVERED_TOMBSTONE)
                .extracting(LedgerVerification.Problem::recordId).containsExactly(expiredBehind.recordId());
    }

    @Test
    void aPurgeKeepsAForgedTombstoneAsEvidence() {
        List<String> subjects = subjectsInOneShard(2);
        Instant old = T0.minus(Duration.ofDays(800));
        ConsentRecord forged = ledger().append(record(subjects.get(0), old, true, true));
        ledger().append(record(subjects.get(1), old, false, false));
        tampering(ledger()).forgeTombstone(forged);

        assertThat(ledger().purge(T0)).isEqualTo(1);

        assertThat(ledger().verify().problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.UNCOVERED_TOMBSTONE);
            assertThat(p.recordId()).isEqualTo(forged.recordId());
        });
    }

    @Test
    void verifiesFromACheckpointOnceTheEventsThemselvesArePurged() {
        List<String> subjects = subjectsInOneShard(3);
        Instant old = T0.minus(Duration.ofDays(800));
        ledger().append(record(subjects.get(0), old, true, true));
        ConsentRecord live = ledger().append(record(subjects.get(1), T0, true, true));
        ledger().append(record(subjects.get(2), old, false, false));
        ledger().erase(subjects.get(1));
        ledger().purge(T0);
        assertThat(ledger().verify().isIntact()).isTrue();

        clock.advance(Duration.ofDays(1200));
        ledger().purge(clock.instant().minus(Duration.ofDays(10)));
        clock.advance(Duration.ofDays(1));
        ledger().purge(clock.instant().minus(Duration.ofDays(10)));

        LedgerVerification v = ledger().verify();
        assertThat(v.isIntact()).as(v.toString()).isTrue();
        assertThat(v.tombstones()).isZero();
        ConsentRecord next = ledger().append(record(subjects.get(1), clock.instant(), false, false));
        assertThat(next.sequence()).isGreaterThan(live.sequence() + 2);
        assertThat(ledger().history(subjects.get(1))).containsExactly(next);
        assertThat(ledger().verify().isIntact()).isTrue();
    }

    @Test
    void tamperingAfterAPurgeIsStillDetected() {
        Instant old = T0.minus(Duration.ofDays(800));
        ledger().append(record("victim", old, true, true));
        List<ConsentRecord> kept = chainOf("victim", 3);
        ledger().purge(T0);
        assertThat(ledger().history("victim")).containsExactlyElementsOf(kept);

        tampering(ledger()).alterGrant(kept.get(0), "stats", false);

        assertThat(ledger().verify().firstProblem().orElseThrow().recordId()).isEqualTo(kept.get(0).recordId());
    }

    // ------------------------------------------------------------------ export

    @Test
    void exportFollowsTheSchemaAndDescribesEachRecord() throws IOException {
        ledger().append(record(decision("exp", ConsentMethod.ACCEPT_ALL, T0.minus(Duration.ofDays(400)), "stats", true, "ads", true)));
        ledger().append(record(decision("exp", ConsentMethod.CUSTOM, T0.minus(Duration.ofDays(10)), "stats", true, "ads", false)));
        ledger().append(NewConsentRecord.of(decision("exp", ConsentMethod.WITHDRAW, T0.minus(Duration.ofDays(1)), "stats", false,
                "ads", false), POLICY, Locale.ENGLISH, "/en/privacy"));

        String export = ledger().export("exp", POLICY);

        assertValid(export);
        JsonNode doc = json(export);
        assertThat(doc.get("pii_principal_id").asString()).isEqualTo("exp");
        assertThat(doc.get("record_count").asInt()).isEqualTo(3);
        JsonNode records = doc.get("records");
        assertThat(records).extracting(r -> r.get("status").asString()).containsExactly("expired", "superseded", "active");
        JsonNode partial = records.get(1);
        assertThat(partial.at("/processing/notice/sha256").asString()).isEqualTo(NoticeHash.of(POLICY, Locale.forLanguageTag("nb")));
        assertThat(partial.at("/processing/notice/url").asString()).isEqualTo("/personvern");
        assertThat(partial.at("/processing/language").asString()).isEqualTo("nb");
        assertThat(partial.at("/processing/pii_controllers/0/name").asString()).isEqualTo("Butikken AS");
        assertThat(partial.at("/processing/jurisdiction").asString()).isEqualTo("NO");
        assertThat(partial.at("/processing/purposes/0/purpose_id").asString()).isEqualTo("stats");
        assertThat(partial.at("/processing/purposes/0/purpose").asString()).isEqualTo("Statistikk");
        assertThat(partial.at("/processing/purposes/0/pii_categories/1/name").asString()).isEqualTo("Bruksdata");
        assertThat(partial.at("/processing/purposes/0/retention_period").asString()).isEqualTo("P13M");
        assertThat(partial.at("/processing/purposes/0/consent_given").asBoolean()).isTrue();
        assertThat(partial.at("/processing/purposes/1/state").asString()).isEqualTo("refused");
        assertThat(partial.at("/events/0/event_state").asString()).isEqualTo("partially-given");
        assertThat(partial.at("/events/0/validity_duration").asString()).isEqualTo("PT8760H");
        assertThat(partial.at("/events/1/event_type").asString()).isEqualTo("superseded");
        JsonNode withdrawal = records.get(2);
        assertThat(withdrawal.at("/processing/language").asString()).isEqualTo("en");
        assertThat(withdrawal.at("/processing/purposes/0/purpose").asString()).isEqualTo("Statistics");
        assertThat(withdrawal.at("/processing/purposes/0/state").asString()).isEqualTo("withdrawn");
        assertThat(withdrawal.at("/processing/collection_point").asString()).isEqualTo("/en/privacy");
        assertThat(withdrawal.at("/events/0/event_state").asString()).isEqualTo("withdrawn");
        assertThat(withdrawal.at("/integrity/hash").asString()).isEqualTo(ledger().latest("exp").orElseThrow().hash());
        assertThat(records.get(0).at("/events/1/event_state").asString()).isEqualTo("expired");
    }

    @Test
    void exportOfAnUnknownSubjectIsValidAndEmpty() {
        String export = ledger().export("nobody", POLICY);

        assertValid(export);
        assertThat(json(export).get("record_count").asInt()).isZero();
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    void concurrentAppendsFromTwoInstancesLoseNothing() throws Exception {
        ConsentLedger second = sameStore(ledger());
        int threads = 8;
        int perThread = 60;
        int subjects = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<ConsentRecord>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            ConsentLedger target = t % 2 == 0 ? ledger() : second;
            results.add(pool.submit(() -> {
                start.await();
                List<ConsentRecord> mine = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    String subject = "busy-" + ((thread * perThread + i) % subjects);
                    if (i % 10 == 9) {
                        mine.addAll(target.appendAll(List.of(record(subject, T0, true, false), record("busy-x" + thread, T0, false, true))));
                    } else {
                        mine.add(target.append(record(subject, T0, i % 2 == 0, i % 3 == 0)));
                    }
                }
                return mine;
            }));
        }
        start.countDown();
        List<ConsentRecord> all = new ArrayList<>();
        for (Future<List<ConsentRecord>> f : results) {
            all.addAll(f.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();

        int expected = threads * perThread + threads * (perThread / 10);
        assertThat(all).hasSize(expected);
        assertThat(all).extracting(ConsentRecord::recordId).doesNotHaveDuplicates();
        Map<Integer, Set<Long>> sequencesByShard = new HashMap<>();
        for (ConsentRecord r : all) {
            assertThat(sequencesByShard.computeIfAbsent(r.shard(), k -> new java.util.HashSet<>()).add(r.sequence()))
                    .as("sequence %d of shard %d given twice", r.sequence(), r.shard()).isTrue();
        }
        Map<String, Long> perSubject = new HashMap<>();
        all.forEach(r -> perSubject.merge(r.subjectId(), 1L, Long::sum));
        perSubject.forEach((subject, count) -> assertThat(second.history(subject)).as(subject).hasSize(count.intValue()));
        LedgerVerification v = ledger().verify();
        assertThat(v.isIntact()).as(v.toString()).isTrue();
        assertThat(v.recordsChecked()).isEqualTo(expected);
        assertThat(second.verify().anchor()).isEqualTo(v.anchor());
    }

    // ------------------------------------------------------------------ helpers

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Schema EXPORT_SCHEMA = loadSchema();

    private static Schema loadSchema() {
        try (InputStream in = ConsentLedgerContract.class.getClassLoader().getResourceAsStream(ConsentRecordExport.SCHEMA_RESOURCE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text, InputFormat.JSON);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asserts that an export is valid against the shipped schema. */
    protected static void assertValid(String export) {
        List<Error> errors = EXPORT_SCHEMA.validate(export, InputFormat.JSON);
        assertThat(errors).as("schema errors in %s", export).isEmpty();
    }

    /** Parses JSON. */
    protected static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }
}
