package dev.samtykke.core.events.jdbc;

import dev.samtykke.core.events.ConsentEvent;
import dev.samtykke.core.events.OutboxRelay;
import dev.samtykke.core.events.WebhookSink;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.jdbc.JdbcConsentLedger;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static dev.samtykke.core.ledger.LedgerFixtures.T0;
import static dev.samtykke.core.ledger.LedgerFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook delivery through faults, on a real database: a receiver on 127.0.0.1 that fails, times out and answers
 * slowly at random (seeded: the seed is printed, and {@code -Dsamtykke.test.seed=} repeats a run), an application that
 * stops mid-delivery and another that dies holding claims, then a new ledger and relay on the same database. Every
 * event is accepted at least once, each subject's in ledger order, and a subject whose events the receiver always
 * refuses has them dead-lettered after the limit without holding up the others.
 */
public abstract class WebhookDeliveryFaultContract {

    private static final int SUBJECTS = 10;
    private static final int EVENTS_BEFORE_RESTART = 3;
    private static final int EVENTS_AFTER_RESTART = 2;
    private static final int MAX_ATTEMPTS = 8;
    private static final String POISON = "subject-poison";
    private static final byte[] SECRET = "fault-test-secret-of-32-bytes-ab".getBytes(StandardCharsets.US_ASCII);

    /** The database under test. */
    protected abstract DataSource dataSource();

    private static OutboxRelay relay(JdbcConsentOutbox outbox, FlakyReceiver receiver, long seed) {
        return OutboxRelay.builder(outbox)
                .sink(WebhookSink.builder("receiver", receiver.url(), SECRET).timeout(Duration.ofSeconds(1)).build())
                .maxAttempts(MAX_ATTEMPTS)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(100))
                .lease(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .threads(4)
                .random(new Random(seed))
                .build();
    }

    @Test
    void everyEventArrivesInOrderPerSubjectThroughFaultsAStopAndACrash() throws Exception {
        long seed = Long.getLong("samtykke.test.seed", System.nanoTime());
        System.out.println("WebhookDeliveryFaultContract seed: " + seed + " (repeat with -Dsamtykke.test.seed=" + seed + ")");
        String prefix = "wf_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < SUBJECTS; i++) {
            subjects.add("subject-" + i);
        }
        subjects.add(POISON);
        Set<String> recordIds = ConcurrentHashMap.newKeySet();
        Set<String> poisonRecords = ConcurrentHashMap.newKeySet();

        try (FlakyReceiver receiver = new FlakyReceiver(seed, Duration.ofMillis(200), Duration.ofSeconds(1), POISON, MAX_ATTEMPTS, SECRET)) {
            // The first application: a ledger and its relay, stopped while deliveries are under way.
            JdbcConsentOutbox outbox1 = JdbcConsentOutbox.builder(dataSource()).tablePrefix(prefix).build();
            JdbcConsentLedger ledger1 = JdbcConsentLedger.builder(dataSource()).tablePrefix(prefix).outbox(outbox1).build();
            OutboxRelay relay1 = relay(outbox1, receiver, seed);
            relay1.start();
            appendConcurrently(ledger1, subjects, 0, EVENTS_BEFORE_RESTART, receiver, recordIds, poisonRecords);
            await(() -> receiver.accepted.size() >= SUBJECTS, "some deliveries before the stop");
            relay1.close();

            // A second application that dies holding claims: it never settles them.
            JdbcConsentOutbox crashed = JdbcConsentOutbox.builder(dataSource()).tablePrefix(prefix).build();
            int held = crashed.claim("crashed-relay", 5, Instant.now(), Duration.ofSeconds(2)).size();

            // The restarted application: a new ledger, outbox and relay on the same database.
            JdbcConsentOutbox outbox2 = JdbcConsentOutbox.builder(dataSource()).tablePrefix(prefix).build();
            JdbcConsentLedger ledger2 = JdbcConsentLedger.builder(dataSource()).tablePrefix(prefix).outbox(outbox2).build();
            try (OutboxRelay relay2 = relay(outbox2, receiver, seed + 1)) {
                relay2.start();
                appendConcurrently(ledger2, subjects, EVENTS_BEFORE_RESTART, EVENTS_AFTER_RESTART, receiver, recordIds, poisonRecords);
                Set<String> expected = new java.util.HashSet<>(recordIds);
                expected.removeAll(poisonRecords);
                await(() -> receiver.accepted.containsAll(expected)
                        && outbox2.deadLetters(100).size() == poisonRecords.size(), "every event accepted or dead-lettered");
                await(() -> outbox2.stats(Instant.now()).pending() == 0, "nothing left pending");
            }

            assertThat(held).as("the crashed application held claims").isPositive();
            assertThat(receiver.violations).as("seed " + seed).isEmpty();
            assertThat(receiver.subjectsOutOfOrder()).as("seed " + seed).isEmpty();
            for (String subject : subjects) {
                if (!subject.equals(POISON)) {
                    assertThat(receiver.firstAccepted.get(subject)).as(subject)
                            .containsExactlyElementsOf(receiver.appended.get(subject));
                }
            }
            List<ConsentEvent> dead = outbox2.deadLetters(100);
            assertThat(dead).extracting(ConsentEvent::recordId).containsExactlyInAnyOrderElementsOf(poisonRecords);
            assertThat(dead).extracting(ConsentEvent::subjectId).containsOnly(POISON);
            assertThat(ledger2.verify().isIntact()).isTrue();
        }
    }

    /** Appends {@code count} decisions per subject, one thread per subject, each subject's in order. */
    private static void appendConcurrently(JdbcConsentLedger ledger, List<String> subjects, int from, int count,
                                           FlakyReceiver receiver, Set<String> recordIds, Set<String> poisonRecords) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(subjects.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String subject : subjects) {
                done.add(pool.submit(() -> {
                    for (int i = from; i < from + count; i++) {
                        ConsentRecord r = ledger.append(record(subject, T0.plusSeconds(i), i % 2 == 0, i % 3 == 0));
                        receiver.registerAppended(subject, r.sequence());
                        recordIds.add(r.recordId());
                        if (subject.equals(POISON)) {
                            poisonRecords.add(r.recordId());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits for a condition, failing after a generous deadline (a loaded machine is slow, not wrong). */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }
}
