package dev.samtykke.core.events.jdbc;

import dev.samtykke.core.events.OutboxEntry;
import dev.samtykke.core.ledger.LedgerException;
import dev.samtykke.core.ledger.jdbc.JdbcConsentLedger;
import dev.samtykke.core.ledger.jdbc.SchemaManagement;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.samtykke.core.ledger.LedgerFixtures.T0;
import static dev.samtykke.core.ledger.LedgerFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox table made by an application's Flyway (V5) is the one the outbox makes itself, and is used as it is. */
class OutboxFlywayTest {

    private static final JdbcConnectionPool POOL =
            JdbcConnectionPool.create("jdbc:h2:mem:outbox-flyway-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");

    @AfterAll
    static void close() {
        POOL.dispose();
    }

    private static void migrate(String prefix) {
        Flyway.configure().dataSource(POOL).locations(JdbcConsentLedger.FLYWAY_LOCATION).table(prefix + "schema_history")
                .baselineOnMigrate(true).baselineVersion("0")
                .placeholders(Map.of("samtykke_prefix", prefix, "samtykke_shards", "16")).load().migrate();
    }

    @Test
    void withSchemaManagementOffTheLedgerAndOutboxUseTheTablesFlywayMade() {
        migrate("fw_");
        JdbcConsentOutbox outbox = JdbcConsentOutbox.builder(POOL).tablePrefix("fw_").schemaManagement(SchemaManagement.NONE).build();
        JdbcConsentLedger ledger = JdbcConsentLedger.builder(POOL).tablePrefix("fw_").schemaManagement(SchemaManagement.NONE)
                .outbox(outbox).build();

        ledger.append(record("subject-a", T0, true, false));

        List<OutboxEntry> claimed = outbox.claim("relay", 10, Instant.now(), Duration.ofMinutes(1));
        assertThat(claimed).extracting(e -> e.event().subjectId()).containsExactly("subject-a");
    }

    @Test
    void flywayMakesTheTableTheOutboxMakesItself() throws SQLException {
        migrate("fx_");
        JdbcConsentOutbox own = JdbcConsentOutbox.builder(POOL).tablePrefix("ly_").build();
        own.stats(Instant.now()); // creates its table on first use

        assertThat(describe("LY_")).isEqualTo(describe("FX_")).isNotEmpty();
    }

    @Test
    void withSchemaManagementOffAMissingTableSaysWhichMigrationToRun() {
        JdbcConsentOutbox outbox = JdbcConsentOutbox.builder(POOL).tablePrefix("none_").schemaManagement(SchemaManagement.NONE).build();

        assertThatThrownBy(() -> outbox.stats(Instant.now())).isInstanceOf(LedgerException.class)
                .hasMessageContaining("none_consent_outbox").hasMessageContaining("classpath:db/samtykke").hasMessageContaining("version 5");
    }

    private static List<String> describe(String prefix) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = POOL.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, IS_NULLABLE"
                    + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = '" + prefix + "CONSENT_OUTBOX' ORDER BY ORDINAL_POSITION")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2) + "(" + rs.getString(3) + ") " + rs.getString(4));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = '" + prefix
                    + "CONSENT_OUTBOX' ORDER BY INDEX_NAME")) {
                while (rs.next()) {
                    out.add("index " + rs.getString(1).replace(prefix, "").replaceFirst("^PRIMARY_KEY_.*", "PRIMARY_KEY"));
                }
            }
        }
        return out;
    }
}
