package dev.samtykke.core.events.jdbc;

import dev.samtykke.core.ledger.jdbc.MariaDbTestDatabases;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.UUID;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Webhook delivery through faults on MariaDB ({@code SAMTYKKE_TEST_MARIADB_URL}), in a database of its own whose sessions are not in
 * UTC; skipped with a message when unset. Required in CI ({@code .ci/check-required-tests}).
 */
class MariaDbWebhookDeliveryFaultTest extends WebhookDeliveryFaultContract {

    private static final String DATABASE = "samtykke_faults_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static JdbcConnectionPool pool;

    @BeforeAll
    static void connect() throws SQLException {
        String url = System.getenv("SAMTYKKE_TEST_MARIADB_URL");
        assumeTrue(url != null && !url.isBlank(), "SAMTYKKE_TEST_MARIADB_URL is not set: the MariaDB webhook fault tests are SKIPPED");
        pool = MariaDbTestDatabases.create(url, DATABASE);
    }

    @AfterAll
    static void drop() throws SQLException {
        MariaDbTestDatabases.drop(pool, DATABASE);
    }

    @Override
    protected DataSource dataSource() {
        return pool;
    }
}
