package dev.samtykke.core.ledger.jdbc;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
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

/**
 * The ledger contract on H2 tables made by Samtykke's Flyway migrations, the ledger's schema management off; and the
 * tables Flyway makes are those the ledger makes itself.
 */
class FlywayH2ConsentLedgerTest extends JdbcConsentLedgerContract {

    private static final String URL = "jdbc:h2:mem:flyway-ledger-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private static final JdbcConnectionPool POOL = JdbcConnectionPool.create(URL, "sa", "");

    @Override
    protected DataSource dataSource() {
        return POOL;
    }

    @Override
    protected SchemaManagement schemaManagement() {
        return SchemaManagement.NONE;
    }

    @Override
    protected void createTables(String prefix) {
        FlywayMigrations.migrate(POOL, prefix);
    }

    @AfterAll
    static void closeDatabase() throws SQLException {
        try (Connection c = POOL.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
        POOL.dispose();
    }

    @Test
    void flywayMakesTheTablesTheLedgerMakesItself() throws SQLException {
        String byFlyway = "fw" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
        String byLedger = "lg" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
        FlywayMigrations.migrate(POOL, byFlyway);
        JdbcConsentLedger.builder(POOL).tablePrefix(byLedger).build();
        JdbcConsentLedger.builder(POOL).tablePrefix(byFlyway).schemaManagement(SchemaManagement.NONE).build();
        try {
            assertThat(describe(byFlyway)).isEqualTo(describe(byLedger)).isNotEmpty();
        } finally {
            try (Connection c = POOL.getConnection(); Statement s = c.createStatement()) {
                for (String prefix : List.of(byFlyway, byLedger)) {
                    for (String table : List.of("ledger_record", "ledger_event", "ledger_shard", "ledger_meta", "schema_history")) {
                        s.execute("DROP TABLE IF EXISTS " + prefix + table);
                    }
                }
            }
        }
    }

    /** The tables' columns (name, type, size, nullable), indexes, constraints, schema row and shard rows, prefix removed. */
    private static List<String> describe(String prefix) throws SQLException {
        List<String> out = new ArrayList<>();
        String p = prefix.toUpperCase();
        try (Connection c = POOL.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, IS_NULLABLE"
                    + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME LIKE '" + p + "LEDGER%' ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
                while (rs.next()) {
                    out.add(rs.getString(1).substring(p.length()) + "." + rs.getString(2) + " " + rs.getString(3) + "("
                            + rs.getString(4) + ") nullable=" + rs.getString(5));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT INDEX_NAME, TABLE_NAME FROM INFORMATION_SCHEMA.INDEXES"
                    + " WHERE TABLE_NAME LIKE '" + p + "LEDGER%' ORDER BY TABLE_NAME, INDEX_NAME")) {
                while (rs.next()) {
                    // H2 names primary-key indexes itself (PRIMARY_KEY_<hex>)
                    out.add("index " + rs.getString(1).replace(p, "").replaceFirst("^PRIMARY_KEY_.*", "PRIMARY_KEY") + " on "
                            + rs.getString(2).substring(p.length()));
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
