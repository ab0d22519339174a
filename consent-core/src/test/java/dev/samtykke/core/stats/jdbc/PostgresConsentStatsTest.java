package dev.samtykke.core.stats.jdbc;

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
        PGConnectionPoolDataSource setup = new PGConnectionPoolDataSource();
        setup.setURL(url);
        try (Connection c = setup.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
        source.setURL(url);
        source.setCurrentSchema(SCHEMA);
        pool = JdbcConnectionPool.create(source);
        pool.setMaxConnections(20);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (pool == null) {
            return;
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
        } finally {
            pool.dispose();
        }
    }

    @Override
    protected ConsentStats stats() {
        return JdbcConsentStats.builder(pool).tablePrefix("t" + TABLES.incrementAndGet() + "_").build();
    }
}
