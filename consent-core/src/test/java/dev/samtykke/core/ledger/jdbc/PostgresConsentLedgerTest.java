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
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The ledger contract on a real PostgreSQL server, found through the environment variable
 * {@value #URL_VARIABLE} (e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}); skipped, with a
 * message saying so, when it is unset. {@code .ci/run} sets it and fails if these tests did not run. The tests
 * work in a schema of their own, dropped at the end.
 */
class PostgresConsentLedgerTest extends JdbcConsentLedgerContract {

    static final String URL_VARIABLE = "SAMTYKKE_TEST_POSTGRES_URL";
    private static final String SCHEMA = "samtykke_ledger_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static JdbcConnectionPool pool;

    @BeforeAll
    static void connect() throws SQLException {
        String url = System.getenv(URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(),
                URL_VARIABLE + " is not set: the PostgreSQL ledger tests are SKIPPED (set it to e.g. "
                        + "jdbc:postgresql://127.0.0.1:5432/test?user=postgres)");
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

    @Test
    void runsOnPostgresqlWithItsIndexes() throws SQLException {
        JdbcConsentLedger ledger = (JdbcConsentLedger) ledger();
        Set<String> indexes = new HashSet<>();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT version()")) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("PostgreSQL");
            }
            try (ResultSet rs = s.executeQuery("SELECT indexname FROM pg_indexes WHERE schemaname = '" + SCHEMA
                    + "' AND tablename = '" + ledger.tablePrefix() + "ledger_record'")) {
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
            }
        }
        assertThat(indexes).contains(ledger.tablePrefix() + "ledger_record_pk", ledger.tablePrefix() + "ledger_record_subject",
                ledger.tablePrefix() + "ledger_record_expiry");
        StringBuilder plan = new StringBuilder();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            try (ResultSet rs = s.executeQuery("EXPLAIN SELECT * FROM " + ledger.tablePrefix() + "ledger_record"
                    + " WHERE subject_id = 'x' AND seq < 100 ORDER BY seq DESC LIMIT 50")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            s.execute("RESET enable_seqscan");
        }
        assertThat(plan.toString()).as("historyPage reads backwards through the subject index, no sort")
                .contains("Index Scan Backward using " + ledger.tablePrefix() + "ledger_record_subject").doesNotContain("Sort");
    }
}
