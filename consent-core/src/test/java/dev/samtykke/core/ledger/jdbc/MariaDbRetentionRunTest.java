package dev.samtykke.core.ledger.jdbc;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.mariadb.jdbc.MariaDbDataSource;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.UUID;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A retention run on MariaDB ({@value MariaDbConsentLedgerTest#URL_VARIABLE}; skipped with a message when unset): the
 * lock is {@code GET_LOCK}.
 */
class MariaDbRetentionRunTest extends JdbcRetentionRunContract {

    private static final String DATABASE = "samtykke_retention_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static JdbcConnectionPool pool;
    private static String url;

    @BeforeAll
    static void connect() throws SQLException {
        url = System.getenv(MariaDbConsentLedgerTest.URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(), MariaDbConsentLedgerTest.URL_VARIABLE
                + " is not set: the MariaDB retention tests are SKIPPED");
        pool = MariaDbConsentLedgerTest.createDatabase(url, DATABASE);
    }

    @AfterAll
    static void drop() throws SQLException {
        MariaDbConsentLedgerTest.dropDatabase(pool, DATABASE);
    }

    @Override
    protected DataSource dataSource() {
        return pool;
    }

    @Override
    protected DataSource unpooled() {
        try {
            return new MariaDbDataSource(url.replaceFirst("^(jdbc:(?:mariadb|mysql)://[^/?]+)(/[^?]*)?", "$1/" + DATABASE));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
