package dev.samtykke.core.stats.jdbc;

import dev.samtykke.core.ledger.jdbc.MariaDbTestDatabases;
import dev.samtykke.core.stats.ConsentStats;
import dev.samtykke.core.stats.ConsentStatsContract;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The counters' contract on a real MariaDB (or MySQL) server ({@code INSERT ... ON DUPLICATE KEY UPDATE}), found
 * through {@code SAMTYKKE_TEST_MARIADB_URL}; skipped, saying so, when it is unset ({@code .ci/check-required-tests}
 * fails the CI run then). Works in a database of its own, dropped at the end; each test gets a table prefix of its own.
 */
class MariaDbConsentStatsTest extends ConsentStatsContract {

    private static final String URL_VARIABLE = "SAMTYKKE_TEST_MARIADB_URL";
    private static final String DATABASE = "samtykke_stats_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static JdbcConnectionPool pool;

    @BeforeAll
    static void connect() throws SQLException {
        String url = System.getenv(URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(), URL_VARIABLE + " is not set: the MariaDB counter tests are SKIPPED");
        pool = MariaDbTestDatabases.create(url, DATABASE);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        MariaDbTestDatabases.drop(pool, DATABASE);
    }

    @Override
    protected ConsentStats stats() {
        return JdbcConsentStats.builder(pool).tablePrefix("t" + TABLES.incrementAndGet() + "_").build();
    }
}
