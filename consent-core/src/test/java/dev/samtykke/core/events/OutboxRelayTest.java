package dev.samtykke.core.events;

import dev.samtykke.core.ledger.InMemoryConsentLedger;
import dev.samtykke.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.samtykke.core.ledger.LedgerFixtures.T0;
import static dev.samtykke.core.ledger.LedgerFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The relay's rules with the in-memory outbox and sinks that succeed or fail on command. */
class OutboxRelayTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
    private final InMemoryConsentOutbox outbox = new InMemoryConsentOutbox(1000, clock);
    private final InMemoryConsentLedger ledger = InMemoryConsentLedger.builder().outbox(outbox).build();

    /** A sink that records what it got and fails while told to. */
    static final class Recording implements ConsentEventSink {
        final String name;
        final List<ConsentEvent> got = Collections.synchronizedList(new ArrayList<>());
        volatile boolean failing;
        final AtomicInteger calls = new AtomicInteger();

        Recording(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void deliver(ConsentEvent event) throws Exception {
            calls.incrementAndGet();
            if (failing) {
                throw new Exception("HTTP 503");
            }
            got.add(event);
        }
    }

    /** A listener that counts outcomes. */
    static final class Counting implements OutboxRelay.Listener {
        final AtomicInteger delivered = new AtomicInteger();
        final AtomicInteger retried = new AtomicInteger();
        final AtomicInteger dead = new AtomicInteger();

        @Override
        public void delivered(ConsentEvent event, String sink) {
            delivered.incrementAndGet();
        }

        @Override
        public void retried(ConsentEvent event, int attempts, String error) {
            retried.incrementAndGet();
        }

        @Override
        public void deadLettered(ConsentEvent event, int attempts, String error) {
            dead.incrementAndGet();
        }
    }

    @Test
    void deliversEachSubjectsEventsInOrderToEverySink() throws InterruptedException {
        Recording crm = new Recording("crm");
        Recording warehouse = new Recording("warehouse");
        OutboxRelay relay = OutboxRelay.builder(outbox).sink(crm).sink(warehouse).clock(clock).build();
        ledger.append(record("subject-a", T0, true, true));
        ledger.append(record("subject-a", T0.plusSeconds(1), false, false));
        ledger.append(record("subject-b", T0, true, false));

        assertThat(relay.deliverDue()).isEqualTo(2);
        assertThat(relay.deliverDue()).isEqualTo(1);
        assertThat(relay.deliverDue()).isZero();

        for (Recording sink : List.of(crm, warehouse)) {
            assertThat(sink.got).extracting(e -> e.subjectId() + ":" + e.kind())
                    .containsSubsequence("subject-a:given", "subject-a:refused").contains("subject-b:partially-given").hasSize(3);
        }
        assertThat(outbox.stats(clock.instant()).pending()).isZero();
    }

    @Test
    void retriesWithBackoffThenDeadLettersAfterTheLimitAndTheSubjectMovesOn() throws InterruptedException {
        Recording crm = new Recording("crm");
        crm.failing = true;
        Counting counts = new Counting();
        OutboxRelay relay = OutboxRelay.builder(outbox).sink(crm).clock(clock).maxAttempts(3)
                .backoff(Duration.ofSeconds(10), Duration.ofSeconds(15)).listener(counts).random(new Random(1)).build();
        ledger.append(record("subject-a", T0, true, true));
        ledger.append(record("subject-a", T0.plusSeconds(1), false, false));

        assertThat(relay.deliverDue()).isEqualTo(1);
        assertThat(relay.deliverDue()).as("waits its back-off, and so does the subject's next").isZero();
        clock.advance(Duration.ofSeconds(4));
        assertThat(relay.deliverDue()).as("at least half the first back-off").isZero();
        clock.advance(Duration.ofSeconds(6));
        assertThat(relay.deliverDue()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(15));
        assertThat(relay.deliverDue()).isEqualTo(1);

        assertThat(counts.retried).hasValue(2);
        assertThat(counts.dead).hasValue(1);
        assertThat(outbox.deadLetters(10)).extracting(ConsentEvent::kind).containsExactly("given");
        crm.failing = false;
        assertThat(relay.deliverDue()).isEqualTo(1);
        assertThat(crm.got).extracting(ConsentEvent::kind).containsExactly("refused");
    }

    @Test
    void aRetryGoesOnlyToTheSinksThatLackTheEvent() throws InterruptedException {
        Recording crm = new Recording("crm");
        Recording warehouse = new Recording("warehouse");
        warehouse.failing = true;
        OutboxRelay relay = OutboxRelay.builder(outbox).sink(crm).sink(warehouse).clock(clock)
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).build();
        ledger.append(record("subject-a", T0, true, true));

        relay.deliverDue();
        warehouse.failing = false;
        clock.advance(Duration.ofSeconds(2));
        relay.deliverDue();

        assertThat(crm.calls).hasValue(1);
        assertThat(warehouse.calls).hasValue(2);
        assertThat(warehouse.got).hasSize(1);
        assertThat(outbox.stats(clock.instant()).pending()).isZero();
    }

    @Test
    void backoffDoublesWithJitterInItsUpperHalfUpToTheCap() {
        OutboxRelay relay = OutboxRelay.builder(outbox).sink(new Recording("crm"))
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)).random(new Random(7)).build();

        for (int attempt = 1; attempt <= 60; attempt++) {
            long base = Math.min(60_000, 1000L << Math.min(attempt - 1, 40));
            assertThat(relay.backoff(attempt).toMillis()).as("attempt %d", attempt).isBetween(base / 2, base);
        }
    }

    @Test
    void closingReleasesTheEventsItIsDeliveringForTheNextRelay() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        ConsentEventSink stuck = new ConsentEventSink() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public void deliver(ConsentEvent event) throws InterruptedException {
                entered.countDown();
                Thread.sleep(60_000);
            }
        };
        OutboxRelay first = OutboxRelay.builder(outbox).sink(stuck).clock(clock).lease(Duration.ofMinutes(10)).build();
        ledger.append(record("subject-a", T0, true, true));
        first.start();
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

        first.close();

        List<OutboxEntry> next = outbox.claim("next", 10, clock.instant(), Duration.ofMinutes(1));
        assertThat(next).as("released at once, not after its 10 minute lease").hasSize(1);
        assertThat(next.get(0).attempts()).as("a stop is no failed attempt").isZero();
    }

    @Test
    void refusesBadSinksAndSettings() {
        assertThatThrownBy(() -> OutboxRelay.builder(outbox).build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> OutboxRelay.builder(outbox).sink(new Recording("crm")).sink(new Recording("crm")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboxRelay.builder(outbox).sink(new Recording("a,b"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboxRelay.builder(outbox).maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboxRelay.builder(outbox).backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
