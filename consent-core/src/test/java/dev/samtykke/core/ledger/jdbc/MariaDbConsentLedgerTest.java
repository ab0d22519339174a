package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.ConsentRecord;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static dev.samtykke.core.ledger.LedgerFixtures.T0;
import static dev.samtykke.core.ledger.LedgerFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The ledger contract on a real MariaDB (or MySQL) server, found through the environment variable {@value #URL_VARIABLE}
 * (e.g. {@code jdbc:mariadb://127.0.0.1:3306/test?user=root}); skipped, with a message saying so, when it is unset.
 * {@code .ci/run} sets it and fails if these tests did not run. The tests work in a database of their own, dropped at the
 * end, on connections whose session time zone is not UTC ({@value #SESSION_ZONE}), so that every instant the contract
 * checks has gone through a zone that is not the one the ledger stores in.
 */
class MariaDbConsentLedgerTest extends JdbcConsentLedgerContract {

    static final String URL_VARIABLE = "SAMTYKKE_TEST_MARIADB_URL";
    static final String SESSION_ZONE = MariaDbTestDatabases.SESSION_ZONE;
    private static final String DATABASE = "samtykke_ledger_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static JdbcConnectionPool pool;
    private static String url;

    @BeforeAll
    static void connect() throws SQLException {
        url = System.getenv(URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(),
                URL_VARIABLE + " is not set: the MariaDB ledger tests are SKIPPED (set it to e.g. "
                        + "jdbc:mariadb://127.0.0.1:3306/test?user=root)");
        pool = createDatabase(url, DATABASE);
    }

    /** Creates a database and returns a pool on it whose sessions are in {@link #SESSION_ZONE}. */
    static JdbcConnectionPool createDatabase(String url, String database) throws SQLException {
        return MariaDbTestDatabases.create(url, database);
    }

    /** Drops a database made by {@link #createDatabase} and closes its pool. */
    static void dropDatabase(JdbcConnectionPool pool, String database) throws SQLException {
        if (pool == null) {
            return;
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE " + database);
        } finally {
            pool.dispose();
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        dropDatabase(pool, DATABASE);
    }

    @Override
    protected DataSource dataSource() {
        return pool;
    }

    @Test
    void runsOnMariaDbWithItsIndexes() throws SQLException {
        JdbcConsentLedger ledger = (JdbcConsentLedger) ledger();
        ledger.append(record("indexed", T0, true, true));
        Set<String> indexes = new HashSet<>();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT version(), @@time_zone")) {
                rs.next();
                assertThat(rs.getString(1)).containsIgnoringCase("MariaDB");
                assertThat(rs.getString(2)).as("the session is not in UTC").isEqualTo(SESSION_ZONE);
            }
            try (ResultSet rs = s.executeQuery("SHOW INDEX FROM " + ledger.tablePrefix() + "ledger_record")) {
                while (rs.next()) {
                    indexes.add(rs.getString("Key_name"));
                }
            }
            assertThat(indexes).contains("PRIMARY", ledger.tablePrefix() + "ledger_record_subject",
                    ledger.tablePrefix() + "ledger_record_expiry");
            try (ResultSet rs = s.executeQuery("EXPLAIN SELECT * FROM " + ledger.tablePrefix() + "ledger_record FORCE INDEX ("
                    + ledger.tablePrefix() + "ledger_record_subject) WHERE subject_id = 'x' AND seq < 100 ORDER BY seq DESC LIMIT 50")) {
                rs.next();
                assertThat(rs.getString("key")).isEqualTo(ledger.tablePrefix() + "ledger_record_subject");
                assertThat(String.valueOf(rs.getString("Extra"))).as("historyPage reads the subject index, no sort")
                        .doesNotContain("filesort");
            }
        }
    }

    @Test
    void storesInstantsInUtcWhateverTheSessionZone() throws SQLException {
        JdbcConsentLedger ledger = (JdbcConsentLedger) ledger();
        Instant precise = Instant.parse("2026-03-29T01:30:00.123456Z"); // a night the clocks of Europe move
        clock.set(precise);
        ConsentRecord stored = ledger.append(record("utc", precise, true, false));

        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CAST(recorded_at AS CHAR), CAST(decided_at AS CHAR) FROM "
                     + ledger.tablePrefix() + "ledger_record")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("2026-03-29 01:30:00.123456");
            assertThat(rs.getString(2)).isEqualTo("2026-03-29 01:30:00.123456");
        }
        MariaDbDataSource utc = new MariaDbDataSource(url.replaceFirst("^(jdbc:(?:mariadb|mysql)://[^/?]+)(/[^?]*)?", "$1/" + DATABASE)
                + (url.contains("?") ? "&" : "?") + "sessionVariables=time_zone='-07:00'");
        JdbcConsentLedger elsewhere = JdbcConsentLedger.builder(utc).tablePrefix(ledger.tablePrefix()).build();
        assertThat(elsewhere.latest("utc")).as("read in another session zone").contains(stored);
    }

    @Test
    void subjectIdsAreComparedExactly() {
        JdbcConsentLedger ledger = (JdbcConsentLedger) ledger();
        ConsentRecord lower = ledger.append(record("case-subject", T0, true, true));
        ConsentRecord upper = ledger.append(record("CASE-SUBJECT", T0, false, false));

        assertThat(ledger.history("case-subject")).containsExactly(lower);
        assertThat(ledger.history("CASE-SUBJECT")).containsExactly(upper);
        assertThat(ledger.erase("CASE-SUBJECT")).isEqualTo(1);
        assertThat(ledger.latest("case-subject")).contains(lower);
    }
}
