package dev.samtykke.core.ledger.jdbc;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.UUID;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A retention run on PostgreSQL ({@value PostgresConsentLedgerTest#URL_VARIABLE}; skipped with a message when unset):
 * the lock is a session-level advisory lock.
 */
class PostgresRetentionRunTest extends JdbcRetentionRunContract {

    private static final String SCHEMA = "samtykke_retention_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static JdbcConnectionPool pool;
    private static String url;

    @BeforeAll
    static void connect() throws SQLException {
        url = System.getenv(PostgresConsentLedgerTest.URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(), PostgresConsentLedgerTest.URL_VARIABLE
                + " is not set: the PostgreSQL retention tests are SKIPPED");
        pool = PostgresTestSchemas.create(url, SCHEMA);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        PostgresTestSchemas.drop(pool, SCHEMA);
    }

    @Override
    protected DataSource dataSource() {
        return pool;
    }

    @Override
    protected DataSource unpooled() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url);
        source.setCurrentSchema(SCHEMA);
        return source;
    }
}
