package dev.samtykke.core.ledger.jdbc;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGConnectionPoolDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The ledger contract on PostgreSQL tables made by Samtykke's Flyway migrations, the ledger's schema management off.
 * Found through {@value PostgresConsentLedgerTest#URL_VARIABLE} like {@link PostgresConsentLedgerTest} (skipped, with a
 * message, when unset; {@code .ci/run} fails if it did not run), in a schema of its own, dropped at the end.
 */
class FlywayPostgresConsentLedgerTest extends JdbcConsentLedgerContract {

    private static final String SCHEMA = "samtykke_flyway_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static JdbcConnectionPool pool;

    @BeforeAll
    static void connect() throws SQLException {
        String url = System.getenv(PostgresConsentLedgerTest.URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(),
                PostgresConsentLedgerTest.URL_VARIABLE + " is not set: the PostgreSQL Flyway ledger tests are SKIPPED (set it to"
                        + " e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres)");
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
    protected SchemaManagement schemaManagement() {
        return SchemaManagement.NONE;
    }

    @Override
    protected void createTables(String prefix) {
        FlywayMigrations.migrate(pool, prefix);
    }

    @Test
    void flywayRecordsItsMigrationsInTheLedgersOwnHistoryTable() throws SQLException {
        JdbcConsentLedger ledger = (JdbcConsentLedger) ledger();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, success FROM " + ledger.tablePrefix() + FlywayMigrations.HISTORY_TABLE
                     + " WHERE version IS NOT NULL AND version <> '0' ORDER BY installed_rank")) {
            StringBuilder applied = new StringBuilder();
            while (rs.next()) {
                applied.append(rs.getString(1)).append(rs.getBoolean(2) ? " " : "! ");
            }
            assertThat(applied.toString().strip()).isEqualTo("1 1.1 2 2.1 3 4 5");
        }
        assertThat(ledger.shards()).isEqualTo(16);
    }
}
