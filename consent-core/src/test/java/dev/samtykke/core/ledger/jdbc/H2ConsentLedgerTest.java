package dev.samtykke.core.ledger.jdbc;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger contract on an embedded H2 database. */
class H2ConsentLedgerTest extends JdbcConsentLedgerContract {

    private static final String URL = "jdbc:h2:mem:ledger-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private static final JdbcConnectionPool POOL = JdbcConnectionPool.create(URL, "sa", "");

    @Override
    protected DataSource dataSource() {
        return POOL;
    }

    @AfterAll
    static void closeDatabase() throws SQLException {
        try (Connection c = POOL.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
        POOL.dispose();
    }

    @Test
    void indexesWhatItQueries() throws SQLException {
        JdbcConsentLedger ledger = (JdbcConsentLedger) ledger();
        Set<String> indexes = new HashSet<>();
        try (Connection c = POOL.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = '"
                     + (ledger.tablePrefix() + "ledger_record").toUpperCase() + "'")) {
            while (rs.next()) {
                indexes.add(rs.getString(1).toLowerCase());
            }
        }
        assertThat(indexes).contains(ledger.tablePrefix() + "ledger_record_subject", ledger.tablePrefix() + "ledger_record_expiry");
        try (Connection c = POOL.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("EXPLAIN SELECT * FROM " + ledger.tablePrefix() + "ledger_record"
                     + " WHERE subject_id = 'x' AND seq < 100 ORDER BY seq DESC LIMIT 50")) {
            rs.next();
            assertThat(rs.getString(1).toLowerCase()).as("historyPage reads through the subject index")
                    .contains(ledger.tablePrefix() + "ledger_record_subject");
        }
    }

    @Test
    void partitioningByMonthIsRefusedOutsidePostgresql() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JdbcConsentLedger.builder(POOL).tablePrefix("h2part_")
                        .partitionByMonth(true).build())
                .isInstanceOf(dev.samtykke.core.ledger.LedgerException.class).hasMessageContaining("needs PostgreSQL");
    }
}
