package dev.samtykke.core.ledger.jdbc;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The ledger contract on MariaDB tables made by Samtykke's MariaDB Flyway migrations
 * ({@link JdbcConsentLedger#FLYWAY_LOCATION_MARIADB}), the ledger's schema management off; and the tables Flyway makes
 * are those the ledger makes itself. Found through {@value MariaDbConsentLedgerTest#URL_VARIABLE} like
 * {@link MariaDbConsentLedgerTest} (skipped, with a message, when unset; {@code .ci/run} fails if it did not run), in a
 * database of its own, dropped at the end.
 */
class FlywayMariaDbConsentLedgerTest extends JdbcConsentLedgerContract {

    private static final String DATABASE = "samtykke_flyway_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static JdbcConnectionPool pool;

    @BeforeAll
    static void connect() throws SQLException {
        String url = System.getenv(MariaDbConsentLedgerTest.URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(),
                MariaDbConsentLedgerTest.URL_VARIABLE + " is not set: the MariaDB Flyway ledger tests are SKIPPED (set it to"
                        + " e.g. jdbc:mariadb://127.0.0.1:3306/test?user=root)");
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
    protected SchemaManagement schemaManagement() {
        return SchemaManagement.NONE;
    }

    @Override
    protected void createTables(String prefix) {
        FlywayMigrations.migrate(pool, prefix, JdbcConsentLedger.FLYWAY_LOCATION_MARIADB);
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

    @Test
    void flywayMakesTheTablesTheLedgerMakesItself() throws SQLException {
        String byFlyway = "fw" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
        String byLedger = "lg" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
        FlywayMigrations.migrate(pool, byFlyway, JdbcConsentLedger.FLYWAY_LOCATION_MARIADB);
        JdbcConsentLedger.builder(pool).tablePrefix(byLedger).build();
        JdbcConsentLedger.builder(pool).tablePrefix(byFlyway).schemaManagement(SchemaManagement.NONE).build();
        try {
            assertThat(describe(byFlyway)).isEqualTo(describe(byLedger)).isNotEmpty();
        } finally {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                for (String prefix : List.of(byFlyway, byLedger)) {
                    for (String table : List.of("ledger_record", "ledger_event", "ledger_shard", "ledger_meta", "schema_history")) {
                        s.execute("DROP TABLE IF EXISTS " + prefix + table);
                    }
                }
            }
        }
    }

    /** The tables' columns (name, type, nullable, collation), indexes, engine, schema row and shard rows, prefix removed. */
    private static List<String> describe(String prefix) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLLATION_NAME"
                    + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE '" + prefix + "ledger%'"
                    + " ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
                while (rs.next()) {
                    out.add(rs.getString(1).substring(prefix.length()) + "." + rs.getString(2) + " " + rs.getString(3)
                            + " nullable=" + rs.getString(4) + " " + rs.getString(5));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME FROM information_schema.STATISTICS"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE '" + prefix + "ledger%' ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX")) {
                while (rs.next()) {
                    out.add("index " + rs.getString(2).replace(prefix, "") + " on " + rs.getString(1).substring(prefix.length())
                            + " " + rs.getInt(3) + " " + rs.getString(4));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME, ENGINE, TABLE_COLLATION FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE '" + prefix + "ledger%' ORDER BY TABLE_NAME")) {
                while (rs.next()) {
                    out.add("table " + rs.getString(1).substring(prefix.length()) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, schema_version, shard_count FROM " + prefix + "ledger_meta")) {
                while (rs.next()) {
                    out.add("meta " + rs.getInt(1) + " version " + rs.getInt(2) + " shards " + rs.getInt(3));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT shard, head_seq, head_hash, base_seq, base_hash FROM " + prefix
                    + "ledger_shard ORDER BY shard")) {
                while (rs.next()) {
                    out.add("shard " + rs.getInt(1) + " " + rs.getLong(2) + " " + rs.getString(3) + " " + rs.getLong(4) + " " + rs.getString(5));
                }
            }
        }
        return out;
    }
}
