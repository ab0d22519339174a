package dev.samtykke.core.ledger.jdbc;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link TwoInstancePostgresLedgerTest} on MariaDB (10.6+, where lanes skip the heads another instance holds): two
 * JVMs append to one ledger at once. Skipped, with a message, without {@value MariaDbConsentLedgerTest#URL_VARIABLE};
 * required in CI.
 */
class TwoInstanceMariaDbLedgerTest {

    @Test
    void twoJvmsAppendTogetherWithoutLossDuplicatesOrStarvation() throws Exception {
        String url = System.getenv(MariaDbConsentLedgerTest.URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(), MariaDbConsentLedgerTest.URL_VARIABLE
                + " is not set: the two-JVM MariaDB ledger test is SKIPPED");

        LedgerInstances.Run run = LedgerInstances.run(url, 2, 8, 0, 5, JdbcConsentLedger.DEFAULT_CONCURRENT_WRITES,
                Duration.ofSeconds(90));
        run.instances().forEach(r -> System.out.printf("instance %d: %d appends, %d transactions, %d head moved, %d deferred,"
                + " %d ms locking%n", r.index(), r.appended(), r.transactions(), r.headMoved(), r.deferred(), r.lockWaitMs()));

        TwoInstancePostgresLedgerTest.assertTwoInstancesAgree(run);
    }
}
