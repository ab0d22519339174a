package dev.samtykke.core.ledger.jdbc;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two application instances, each a JVM of its own, append to one PostgreSQL ledger at the same time (8 threads each,
 * 5 s, subjects and so shards shared): every acknowledged record is stored once, nothing else is, the chains verify,
 * both instances made progress, and both finished (no deadlock); and that an instance killed mid-write leaves nothing
 * that stops the other (its transactions and locks end with its connections). Skipped, with a message, without
 * {@value PostgresConsentLedgerTest#URL_VARIABLE}; required in CI.
 */
class TwoInstancePostgresLedgerTest {

    @Test
    void twoJvmsAppendTogetherWithoutLossDuplicatesOrStarvation() throws Exception {
        String url = System.getenv(PostgresConsentLedgerTest.URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(), PostgresConsentLedgerTest.URL_VARIABLE
                + " is not set: the two-JVM PostgreSQL ledger test is SKIPPED");

        LedgerInstances.Run run = LedgerInstances.run(url, 2, 8, 0, 5, JdbcConsentLedger.DEFAULT_CONCURRENT_WRITES,
                Duration.ofSeconds(90));
        run.instances().forEach(r -> System.out.printf("instance %d: %d appends, %d transactions, %d head moved, %d deferred,"
                + " %d ms locking%n", r.index(), r.appended(), r.transactions(), r.headMoved(), r.deferred(), r.lockWaitMs()));

        assertTwoInstancesAgree(run);
    }

    @Test
    void anInstanceKilledMidWriteHoldsNothingTheOtherNeeds() throws Exception {
        String url = System.getenv(PostgresConsentLedgerTest.URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(), PostgresConsentLedgerTest.URL_VARIABLE
                + " is not set: the two-JVM PostgreSQL ledger test is SKIPPED");

        LedgerInstances.Run run = LedgerInstances.run(url, 2, 8, 0, 4, JdbcConsentLedger.DEFAULT_CONCURRENT_WRITES, false,
                Duration.ofMillis(1500), Duration.ofSeconds(90));

        LedgerInstances.Result survivor = run.instances().get(0);
        assertThat(run.instances()).hasSize(1);
        assertThat(survivor.failed()).as("appends that failed in the survivor: %s", survivor.errors()).isZero();
        assertThat(survivor.appended()).as("the survivor went on appending after the other was killed, on the same shards")
                .isGreaterThan(run.progressAtKill());
        assertThat(run.storedIds()).as("everything the survivor acknowledged is stored").containsAll(survivor.ids());
        assertThat(run.duplicateIds()).isZero();
        assertThat(run.verification().isIntact()).as("verify(): %s", run.verification()).isTrue();
        assertThat(run.verification().recordsChecked()).isEqualTo(run.stored());
    }

    /** What every multi-instance run must show, whatever the database. */
    static void assertTwoInstancesAgree(LedgerInstances.Run run) {
        List<String> acknowledged = new ArrayList<>();
        long total = 0;
        for (LedgerInstances.Result r : run.instances()) {
            assertThat(r.failed()).as("appends that failed in instance %d: %s", r.index(), r.errors()).isZero();
            acknowledged.addAll(r.ids());
            total += r.appended();
        }
        Set<String> distinct = new HashSet<>(acknowledged);
        assertThat(distinct).as("record ids acknowledged twice").hasSameSizeAs(acknowledged);
        assertThat(run.stored()).as("records stored vs acknowledged by both instances").isEqualTo(total);
        assertThat(run.duplicateIds()).as("record ids stored twice").isZero();
        assertThat(run.storedIds()).as("the stored records are exactly the acknowledged ones").isEqualTo(distinct);
        assertThat(run.verification().isIntact()).as("verify(): %s", run.verification()).isTrue();
        assertThat(run.verification().recordsChecked()).isEqualTo(total);
        for (LedgerInstances.Result r : run.instances()) {
            assertThat(r.appended()).as("instance %d starved: %d of %d appends", r.index(), r.appended(), total)
                    .isGreaterThanOrEqualTo(total / 10);
        }
    }
}
