package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.spi.ChainEntry;
import dev.samtykke.core.ledger.spi.LedgerChain;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.samtykke.core.ledger.LedgerFixtures.T0;
import static dev.samtykke.core.ledger.LedgerFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

/** The record's columns, written once: they match the DDL, and a record bound to them reads back equal. */
class RecordColumnsTest {

    private Connection c;

    @BeforeEach
    void createTable() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:columns-" + UUID.randomUUID());
        c = h2.getConnection();
        SqlScript.load(SqlDialect.STANDARD.folder() + LedgerSchema.DDL.get(0), Map.of(LedgerSchema.PREFIX_PLACEHOLDER, "t_")).run(c);
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @ParameterizedTest
    @EnumSource(SqlDialect.class)
    void theColumnsAreThoseOfTheRecordTableInTheMigration(SqlDialect dialect) {
        String ddl = String.join("\n", SqlScript.load(dialect.folder() + LedgerSchema.DDL.get(0),
                Map.of(LedgerSchema.PREFIX_PLACEHOLDER, "t_")).statements());
        Matcher table = Pattern.compile("CREATE TABLE IF NOT EXISTS t_ledger_record \\((.*?)\\n\\s*(CONSTRAINT|PRIMARY KEY)", Pattern.DOTALL).matcher(ddl);
        assertThat(table.find()).isTrue();
        List<String> declared = new ArrayList<>();
        for (String line : table.group(1).split("\n")) {
            if (!line.isBlank()) {
                declared.add(line.strip().split("\\s+")[0]);
            }
        }
        List<String> expected = new ArrayList<>(Arrays.stream(RecordColumns.values()).map(col -> col.sql).toList());
        expected.add(RecordColumns.ERASED_AT);
        assertThat(declared).containsExactlyElementsOf(expected);
        assertThat(RecordColumns.insert("t").chars().filter(ch -> ch == '?').count()).isEqualTo(RecordColumns.values().length);
    }

    @Test
    void aBoundRecordReadsBackEqual() throws SQLException {
        ConsentRecord stored = LedgerChain.seal(record("columns", T0, true, false), UUID.randomUUID().toString(), T0, 3, 7,
                LedgerChain.GENESIS_HASH);
        try (PreparedStatement ps = c.prepareStatement(RecordColumns.insert("t_ledger_record"))) {
            RecordColumns.bind(SqlDialect.STANDARD, ps, stored);
            ps.executeUpdate();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(RecordColumns.select("t_ledger_record"))) {
            assertThat(rs.next()).isTrue();
            assertThat(RecordColumns.read(SqlDialect.STANDARD, rs)).isEqualTo(stored);
            ChainEntry entry = RecordColumns.readEntry(SqlDialect.STANDARD, rs);
            assertThat(entry.record()).isEqualTo(stored);
            assertThat(entry.contentHash()).isEqualTo(LedgerChain.contentHash(stored));
        }
    }

    @Test
    void clearingTheContentLeavesATombstoneWithTheChainsData() throws SQLException {
        ConsentRecord stored = LedgerChain.seal(record("forget", T0, true, true), UUID.randomUUID().toString(), T0, 0, 1,
                LedgerChain.GENESIS_HASH);
        try (PreparedStatement ps = c.prepareStatement(RecordColumns.insert("t_ledger_record"))) {
            RecordColumns.bind(SqlDialect.STANDARD, ps, stored);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE t_ledger_record SET " + RecordColumns.clearContent())) {
            ps.setObject(1, SqlDialect.STANDARD.time(T0));
            ps.executeUpdate();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + RecordColumns.LIST + ", erased_at FROM t_ledger_record")) {
            assertThat(rs.next()).isTrue();
            assertThat(RecordColumns.hasContent(rs)).isFalse();
            assertThat(rs.getObject("erased_at")).isNotNull();
            ChainEntry entry = RecordColumns.readEntry(SqlDialect.STANDARD, rs);
            assertThat(entry.record()).isNull();
            assertThat(entry.contentLeft()).isFalse();
            assertThat(entry.hash()).isEqualTo(stored.hash());
            assertThat(entry.recordedAt()).isEqualTo(stored.recordedAt());
        }
        assertThat(RecordColumns.CONTENT).doesNotContain("subject_id", "shard", "seq", "record_hash", "expires_at")
                .contains("grants", "policy_id", "notice_hash");
    }
}
