package dev.samtykke.servlet.console;

import dev.samtykke.core.testing.TestDatabases;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.UUID;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The durable audit trail on a real MariaDB (or MySQL) server, found through {@code SAMTYKKE_TEST_MARIADB_URL}, with
 * sessions in a time zone other than UTC (times must still read back as written); skipped, saying so, when it is
 * unset ({@code .ci/check-required-tests} fails the CI run then). Works in a database of its own.
 */
class MariaDbAuditTrailTest extends JdbcAuditTrailContract {

    private static final String URL_VARIABLE = "SAMTYKKE_TEST_MARIADB_URL";
    private static final String DATABASE = "samtykke_audit_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static JdbcConnectionPool pool;

    @BeforeAll
    static void connect() throws SQLException {
        String url = System.getenv(URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(), URL_VARIABLE + " is not set: the MariaDB audit trail tests are SKIPPED");
        pool = TestDatabases.mariaDb(url, DATABASE);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        TestDatabases.dropMariaDb(pool, DATABASE);
    }

    @Override
    protected DataSource dataSource() {
        return pool;
    }
}
