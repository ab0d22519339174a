package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.LedgerException;
import dev.samtykke.core.ledger.LedgerVerification;
import dev.samtykke.core.ledger.PurgeResult;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.samtykke.core.ledger.LedgerFixtures.T0;
import static dev.samtykke.core.ledger.LedgerFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole ledger contract on PostgreSQL with the record table partitioned by month, and what partitioning adds:
 * partitions made ahead, appends across months, a purge that drops whole partitions and keeps {@code verify()} intact.
 * Connects through {@value PostgresConsentLedgerTest#URL_VARIABLE}; skipped with a message when it is unset.
 */
class PostgresPartitionedConsentLedgerTest extends JdbcConsentLedgerContract {

    private static final String SCHEMA = "samtykke_partition_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static JdbcConnectionPool pool;

    @BeforeAll
    static void connect() throws SQLException {
        String url = System.getenv(PostgresConsentLedgerTest.URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(), PostgresConsentLedgerTest.URL_VARIABLE
                + " is not set: the PostgreSQL partitioned-ledger tests are SKIPPED");
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
    protected JdbcConsentLedger.Builder configure(JdbcConsentLedger.Builder builder) {
        return builder.partitionByMonth(true);
    }

    private List<String> partitions(JdbcConsentLedger ledger) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT child.relname FROM pg_inherits i"
                + " JOIN pg_class child ON child.oid = i.inhrelid WHERE i.inhparent = to_regclass(?) ORDER BY 1")) {
            ps.setString(1, ledger.tablePrefix() + "ledger_record");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1).substring(ledger.tablePrefix().length()));
                }
            }
        }
        return names;
    }

    private long rows(String table) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void createsThePartitionedTableAndTheMonthsAroundNowAhead() throws SQLException {
        JdbcConsentLedger ledger = (JdbcConsentLedger) ledger();

        assertThat(partitions(ledger)).containsExactly("ledger_record_y2026m10", "ledger_record_y2026m11",
                "ledger_record_y2026m12", "ledger_record_y2027m01");
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT relkind FROM pg_class WHERE oid = to_regclass('" + ledger.tablePrefix()
                     + "ledger_record')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("p");
        }
    }

    @Test
    void appendsAcrossMonthsPurgeDropsTheWholePartitionsAndTheLedgerStaysIntact() throws SQLException {
        JdbcConsentLedger ledger = (JdbcConsentLedger) ledger();
        List<ConsentRecord> appended = new ArrayList<>();
        for (int month = 0; month < 6; month++) {
            for (int i = 0; i < 5; i++) {
                appended.add(ledger.append(record("m" + month + "-" + i, clock.instant(), true, i % 2 == 0)));
            }
            clock.advance(Duration.ofDays(31));
        }
        ConsentRecord later = ledger.append(record("m0-1", clock.instant(), false, false));
        assertThat(partitions(ledger)).contains("ledger_record_y2027m04", "ledger_record_y2027m06");
        assertThat(ledger.history("m0-1")).containsExactly(appended.get(1), later);
        assertThat(ledger.verify().isIntact()).isTrue();

        // Two years on, the first three months' records are past a one-year retention (they expire a year after).
        clock.advance(Duration.ofDays(2 * 365));
        Instant cutoff = T0.plus(Duration.ofDays(365 + 3 * 31 - 1));
        PurgeResult purged = ledger.purgeWithResult(cutoff);

        assertThat(purged.recordsEmptied()).isEqualTo(15);
        assertThat(partitions(ledger)).as("the months wholly purged are dropped; the present ones made ahead")
                .doesNotContain("ledger_record_y2026m11", "ledger_record_y2026m12")
                .contains("ledger_record_y2027m03", "ledger_record_y2027m04", "ledger_record_y2029m04");
        LedgerVerification v = ledger.verify();
        assertThat(v.isIntact()).as(v.toString()).isTrue();
        assertThat(v.purges()).isNotEmpty();
        assertThat(ledger.latest("m0-1")).contains(later);
        assertThat(ledger.history("m0-1")).containsExactly(later);
        assertThat(ledger.latest("m1-2")).isEmpty();
        assertThat(ledger.latest("m4-2")).contains(appended.get(22));
        assertThat(ledger.history("m5-0")).containsExactly(appended.get(25));

        ConsentRecord next = ledger.append(record("m1-2", clock.instant(), true, true));
        assertThat(ledger.latest("m1-2")).contains(next);
        assertThat(ledger.verify().isIntact()).isTrue();
    }

    @Test
    void contentPutBackIntoAPurgedRowAwaitingItsPartitionsDropIsReported() throws SQLException {
        JdbcConsentLedger ledger = (JdbcConsentLedger) ledger();
        ConsentRecord old = ledger.append(record("old", clock.instant(), true, true));
        clock.advance(Duration.ofDays(2));
        ledger.append(record("current", clock.instant(), true, true)); // in force: keeps the month's partition
        clock.advance(Duration.ofDays(400));
        ledger.purge(T0.plus(Duration.ofDays(366)));
        assertThat(rows(ledger.tablePrefix() + "ledger_record_y2026m11")).as("purged, not yet dropped").isEqualTo(2);
        assertThat(ledger.verify().isIntact()).isTrue();

        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE " + ledger.tablePrefix()
                + "ledger_record SET subject_id = 'old' WHERE record_id = ?")) {
            ps.setString(1, old.recordId());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }

        assertThat(ledger.verify().isIntact()).isFalse();
    }

    @Test
    void refusesAnExistingUnpartitionedTable() {
        JdbcConsentLedger plain = JdbcConsentLedger.builder(pool).tablePrefix(((JdbcConsentLedger) ledger()).tablePrefix() + "p")
                .build();
        plain.append(record("x", T0, true, true));

        assertThatThrownBy(() -> JdbcConsentLedger.builder(pool).tablePrefix(plain.tablePrefix()).partitionByMonth(true).build())
                .isInstanceOf(LedgerException.class).hasMessageContaining("is not partitioned");
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String t : List.of("ledger_record", "ledger_event", "ledger_shard", "ledger_meta")) {
                s.execute("DROP TABLE IF EXISTS " + plain.tablePrefix() + t);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
