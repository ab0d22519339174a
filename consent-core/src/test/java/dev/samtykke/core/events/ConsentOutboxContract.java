package dev.samtykke.core.events;

import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.LedgerFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static dev.samtykke.core.ledger.LedgerFixtures.T0;
import static dev.samtykke.core.ledger.LedgerFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ConsentOutbox} does, fed by its ledger: one event per record and erasure, claimed one subject's
 * oldest at a time, held by a lease, retried, dead-lettered, redelivered, purged. Each store's test extends it.
 */
public abstract class ConsentOutboxContract {

    /** A ledger writing into an outbox. */
    public record Store(ConsentLedger ledger, ConsentOutbox outbox) {
    }

    /** A fresh, empty ledger and outbox for each test. */
    protected abstract Store newStore();

    private static final Duration LEASE = Duration.ofMinutes(1);
    private ConsentLedger ledger;
    private ConsentOutbox outbox;
    private Instant now;

    @BeforeEach
    void fresh() {
        Store s = newStore();
        ledger = s.ledger();
        outbox = s.outbox();
        now = Instant.now();
    }

    @Test
    void everyRecordYieldsOneEventWithItsGrantsPolicyAndKind() {
        ConsentRecord r = ledger.append(record("subject-a", T0, true, false));

        List<OutboxEntry> claimed = outbox.claim("relay-1", 10, now, LEASE);

        assertThat(claimed).hasSize(1);
        ConsentEvent e = claimed.get(0).event();
        assertThat(e.type()).isEqualTo(ConsentEvent.Type.RECORDED);
        assertThat(e.subjectId()).isEqualTo("subject-a");
        assertThat(e.recordId()).isEqualTo(r.recordId());
        assertThat(e.policyId()).isEqualTo("shop");
        assertThat(e.policyVersion()).isEqualTo("1.0");
        assertThat(e.granted()).containsExactly("stats");
        assertThat(e.denied()).containsExactly("ads");
        assertThat(e.kind()).isEqualTo("partially-given");
        assertThat(e.method()).isEqualTo("custom");
        assertThat(e.occurredAt()).isEqualTo(r.decidedAt());
        assertThat(e.ledgerSequence()).isEqualTo(r.sequence());
        assertThat(claimed.get(0).attempts()).isZero();
        assertThat(claimed.get(0).deliveredTo()).isEmpty();
    }

    @Test
    void claimsOnlyEachSubjectsOldestPendingEvent() {
        ledger.append(record("subject-a", T0, true, true));
        ledger.append(record("subject-a", T0.plusSeconds(1), false, false));
        ledger.append(record("subject-b", T0, true, true));

        List<OutboxEntry> first = outbox.claim("relay-1", 10, now, LEASE);

        assertThat(first).extracting(x -> x.event().subjectId()).containsExactlyInAnyOrder("subject-a", "subject-b");
        OutboxEntry a1 = first.stream().filter(x -> x.event().subjectId().equals("subject-a")).findFirst().orElseThrow();
        assertThat(a1.event().kind()).isEqualTo("given");
        assertThat(outbox.claim("relay-1", 10, now, LEASE)).as("held by their leases").isEmpty();

        outbox.delivered("relay-1", a1.event().eventId(), now);
        List<OutboxEntry> next = outbox.claim("relay-1", 10, now, LEASE);

        assertThat(next).hasSize(1);
        assertThat(next.get(0).event().subjectId()).isEqualTo("subject-a");
        assertThat(next.get(0).event().kind()).isEqualTo("refused");
    }

    @Test
    void aLeaseKeepsOtherRelaysOffUntilItEnds() {
        ledger.append(record("subject-a", T0, true, true));
        OutboxEntry held = outbox.claim("relay-1", 10, now, LEASE).get(0);

        assertThat(outbox.claim("relay-2", 10, now.plusSeconds(59), LEASE)).isEmpty();
        List<OutboxEntry> taken = outbox.claim("relay-2", 10, now.plus(LEASE), LEASE);

        assertThat(taken).extracting(x -> x.event().eventId()).containsExactly(held.event().eventId());
        outbox.delivered("relay-1", held.event().eventId(), now); // too late: relay-2 holds it now
        assertThat(outbox.stats(now).pending()).isEqualTo(1);
        outbox.delivered("relay-2", held.event().eventId(), now);
        assertThat(outbox.stats(now).pending()).isZero();
    }

    @Test
    void aRetryWaitsUntilItsTimeAndKeepsAttemptsAndTheSinksThatHaveIt() {
        ledger.append(record("subject-a", T0, true, true));
        ledger.append(record("subject-a", T0.plusSeconds(1), true, false));
        OutboxEntry e = outbox.claim("relay-1", 10, now, LEASE).get(0);

        outbox.retry("relay-1", e.event().eventId(), 3, Set.of("crm"), now.plusSeconds(30), "warehouse: HTTP 500");

        assertThat(outbox.claim("relay-1", 10, now.plusSeconds(29), LEASE)).as("not due, and the subject's next waits").isEmpty();
        List<OutboxEntry> again = outbox.claim("relay-1", 10, now.plusSeconds(30), LEASE);
        assertThat(again).hasSize(1);
        assertThat(again.get(0).event().eventId()).isEqualTo(e.event().eventId());
        assertThat(again.get(0).attempts()).isEqualTo(3);
        assertThat(again.get(0).deliveredTo()).containsExactly("crm");
    }

    @Test
    void aDeadLetterStopsBlockingTheSubjectAndCanBeRedelivered() {
        ledger.append(record("subject-a", T0, true, true));
        ledger.append(record("subject-a", T0.plusSeconds(1), false, false));
        OutboxEntry first = outbox.claim("relay-1", 10, now, LEASE).get(0);

        outbox.deadLetter("relay-1", first.event().eventId(), 12, Set.of(), "crm: HTTP 500", now);

        assertThat(outbox.deadLetters(10)).extracting(ConsentEvent::eventId).containsExactly(first.event().eventId());
        assertThat(outbox.stats(now)).extracting(OutboxStats::pending, OutboxStats::deadLettered).containsExactly(1L, 1L);
        OutboxEntry second = outbox.claim("relay-1", 10, now, LEASE).get(0);
        assertThat(second.event().kind()).isEqualTo("refused");
        outbox.delivered("relay-1", second.event().eventId(), now);

        assertThat(outbox.redeliver(first.event().eventId(), now)).isTrue();
        assertThat(outbox.redeliver(first.event().eventId(), now)).as("no longer dead").isFalse();
        List<OutboxEntry> again = outbox.claim("relay-1", 10, now, LEASE);
        assertThat(again).extracting(x -> x.event().eventId()).containsExactly(first.event().eventId());
        assertThat(again.get(0).attempts()).isZero();
        assertThat(outbox.deadLetters(10)).isEmpty();
    }

    @Test
    void erasureReplacesTheSubjectsEventsWithAnErasureEvent() {
        ledger.append(record("subject-a", T0, true, true));
        ledger.append(record("subject-a", T0.plusSeconds(1), true, false));
        ledger.append(record("subject-b", T0, true, true));
        OutboxEntry held = outbox.claim("relay-1", 10, now, LEASE).stream()
                .filter(x -> x.event().subjectId().equals("subject-a")).findFirst().orElseThrow();

        ledger.erase("subject-a");

        outbox.delivered("relay-1", held.event().eventId(), now); // its row is gone: nothing happens
        List<OutboxEntry> claimed = outbox.claim("relay-2", 10, now.plus(LEASE), LEASE);
        OutboxEntry erased = claimed.stream().filter(x -> x.event().subjectId().equals("subject-a")).findFirst().orElseThrow();
        assertThat(erased.event().type()).isEqualTo(ConsentEvent.Type.ERASED);
        assertThat(erased.event().kind()).isEqualTo("erased");
        assertThat(erased.event().granted()).isEmpty();
        assertThat(erased.event().recordId()).isNull();
        assertThat(erased.event().toJson()).doesNotContain("stats", "ads");
        assertThat(outbox.stats(now).pending()).as("subject-b's event, and the erasure").isEqualTo(2);
    }

    @Test
    void aRedeliveredEventGoesBeforeTheSubjectsEventsStillPending() {
        ledger.append(record("subject-a", T0, true, true));
        ledger.append(record("subject-a", T0.plusSeconds(1), false, false));
        OutboxEntry first = outbox.claim("relay-1", 10, now, LEASE).get(0);
        outbox.deadLetter("relay-1", first.event().eventId(), 12, Set.of(), "crm: HTTP 500", now);

        outbox.redeliver(first.event().eventId(), now);

        assertThat(outbox.claim("relay-1", 10, now, LEASE)).extracting(x -> x.event().eventId())
                .containsExactly(first.event().eventId());
    }

    @Test
    void withdrawalIsAnEventOfKindWithdrawn() {
        ledger.append(record(LedgerFixtures.decision("subject-a", ConsentMethod.WITHDRAW, T0, "stats", false, "ads", false)));

        ConsentEvent e = outbox.claim("relay-1", 10, now, LEASE).get(0).event();

        assertThat(e.kind()).isEqualTo("withdrawn");
        assertThat(e.method()).isEqualTo("withdraw");
        assertThat(e.denied()).containsExactly("ads", "stats");
    }

    @Test
    void statsCountPendingAndReportTheOldestPendingEventsAge() {
        assertThat(outbox.stats(now)).isEqualTo(new OutboxStats(0, 0, Duration.ZERO));
        ledger.append(record("subject-a", T0, true, true));
        ledger.append(record("subject-b", T0, true, true));

        OutboxStats stats = outbox.stats(Instant.now().plusSeconds(60));

        assertThat(stats.pending()).isEqualTo(2);
        assertThat(stats.lag()).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(70));
    }

    @Test
    void deliveredEventsArePurgedWhenOld() {
        ledger.append(record("subject-a", T0, true, true));
        OutboxEntry e = outbox.claim("relay-1", 10, now, LEASE).get(0);
        outbox.delivered("relay-1", e.event().eventId(), now);

        outbox.purgeDelivered(now.minusSeconds(1));
        outbox.purgeDelivered(now.plusSeconds(1));

        assertThat(outbox.claim("relay-1", 10, now.plusSeconds(3600), LEASE)).isEmpty();
        assertThat(outbox.stats(now)).isEqualTo(new OutboxStats(0, 0, Duration.ZERO));
    }

    @Test
    void claimRespectsItsLimit() {
        for (int i = 0; i < 5; i++) {
            ledger.append(record("subject-" + i, T0, true, true));
        }

        assertThat(outbox.claim("relay-1", 3, now, LEASE)).hasSize(3);
        assertThat(outbox.claim("relay-1", 3, now, LEASE)).hasSize(2);
    }
}
