package dev.samtykke.core.stats.jdbc;

import dev.samtykke.core.ledger.jdbc.PostgresTestSchemas;

import dev.samtykke.core.stats.ConsentStats;
import dev.samtykke.core.stats.ConsentStatsContract;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGConnectionPoolDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The counters' contract on a real PostgreSQL server ({@code INSERT ... ON CONFLICT DO UPDATE}), found through
 * {@code SAMTYKKE_TEST_POSTGRES_URL}; skipped, saying so, when it is unset ({@code .ci/check-required-tests} fails
 * the CI run then). Works in a schema of its own, dropped at the end; each test gets a table prefix of its own.
 */
class PostgresConsentStatsTest extends ConsentStatsContract {

    private static final String URL_VARIABLE = "SAMTYKKE_TEST_POSTGRES_URL";
    private static final String SCHEMA = "samtykke_stats_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static JdbcConnectionPool pool;

    @BeforeAll
    static void connect() throws SQLException {
        String url = System.getenv(URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(), URL_VARIABLE + " is not set: the PostgreSQL counter tests are SKIPPED");
        pool = PostgresTestSchemas.create(url, SCHEMA);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        PostgresTestSchemas.drop(pool, SCHEMA);
    }

    @Override
    protected ConsentStats stats() {
        return JdbcConsentStats.builder(pool).tablePrefix("t" + TABLES.incrementAndGet() + "_").build();
    }
}
