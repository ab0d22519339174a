package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.LedgerException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static dev.samtykke.core.ledger.LedgerFixtures.T0;
import static dev.samtykke.core.ledger.LedgerFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With schema management off the ledger changes no table: it checks them on start and says what to run. */
class SchemaManagementNoneTest {

    private final JdbcDataSource h2 = new JdbcDataSource();

    SchemaManagementNoneTest() {
        h2.setURL("jdbc:h2:mem:schema-none-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    private JdbcConsentLedger.Builder none() {
        return JdbcConsentLedger.builder(h2).schemaManagement(SchemaManagement.NONE);
    }

    @Test
    void refusesToStartWithoutItsTablesAndNamesTheMigrations() throws SQLException {
        assertThatThrownBy(() -> none().build())
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("samtykke_ledger_* are missing")
                .hasMessageContaining("classpath:db/samtykke")
                .hasMessageContaining("samtykke.ledger.schema=create");
        try (Connection c = h2.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME LIKE 'SAMTYKKE%'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("it created nothing").isZero();
        }
    }

    @Test
    void refusesAnOlderSchemaVersion() throws SQLException {
        JdbcConsentLedger.builder(h2).build();
        execute("UPDATE samtykke_ledger_meta SET schema_version = 1");

        assertThatThrownBy(() -> none().build())
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("schema version 1, this library needs 2")
                .hasMessageContaining("classpath:db/samtykke");
    }

    @Test
    void refusesATableThatLacksAColumnItUses() throws SQLException {
        JdbcConsentLedger.builder(h2).build();
        execute("ALTER TABLE samtykke_ledger_record DROP COLUMN erased_at");

        assertThatThrownBy(() -> none().build())
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("samtykke_ledger_record is missing or lacks columns");
    }

    @Test
    void insertsMissingShardRowsThemBeingData() throws SQLException {
        JdbcConsentLedger.builder(h2).build();
        execute("DELETE FROM samtykke_ledger_shard");

        JdbcConsentLedger ledger = none().build();

        assertThat(ledger.shards()).isEqualTo(16);
        assertThat(count("samtykke_ledger_shard")).isEqualTo(16);
        ledger.append(record("someone", T0, true, false));
        assertThat(ledger.verify().isIntact()).isTrue();
    }

    @Test
    void refusesANewerSchemaLikeTheCreatingLedger() throws SQLException {
        JdbcConsentLedger.builder(h2).build();
        execute("UPDATE samtykke_ledger_meta SET schema_version = 3");

        assertThatThrownBy(() -> none().build()).isInstanceOf(LedgerException.class).hasMessageContaining("schema version 3");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private int count(String table) throws SQLException {
        try (Connection c = h2.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
