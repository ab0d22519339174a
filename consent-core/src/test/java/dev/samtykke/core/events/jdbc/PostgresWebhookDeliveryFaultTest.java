package dev.samtykke.core.events.jdbc;

import dev.samtykke.core.ledger.jdbc.PostgresTestSchemas;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.UUID;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Webhook delivery through faults on PostgreSQL ({@code SAMTYKKE_TEST_POSTGRES_URL}), in a schema of its own; skipped with a message
 * when unset. Required in CI ({@code .ci/check-required-tests}).
 */
class PostgresWebhookDeliveryFaultTest extends WebhookDeliveryFaultContract {

    private static final String SCHEMA = "samtykke_faults_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static JdbcConnectionPool pool;

    @BeforeAll
    static void connect() throws SQLException {
        String url = System.getenv("SAMTYKKE_TEST_POSTGRES_URL");
        assumeTrue(url != null && !url.isBlank(), "SAMTYKKE_TEST_POSTGRES_URL is not set: the PostgreSQL webhook fault tests are SKIPPED");
        pool = PostgresTestSchemas.create(url, SCHEMA);
    }

    @AfterAll
    static void drop() throws SQLException {
        PostgresTestSchemas.drop(pool, SCHEMA);
    }

    @Override
    protected DataSource dataSource() {
        return pool;
    }
}
