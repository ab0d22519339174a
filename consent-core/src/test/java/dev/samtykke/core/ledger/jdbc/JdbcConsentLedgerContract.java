package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.ConsentLedgerContract;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.LedgerException;
import dev.samtykke.core.ledger.spi.LedgerChain;
import dev.samtykke.core.policy.ConsentPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static dev.samtykke.core.ledger.LedgerFixtures.T0;
import static dev.samtykke.core.ledger.LedgerFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger contract on a SQL database. Each ledger gets tables of its own prefix, dropped after the test;
 * a database's test says how to reach it.
 */
public abstract class JdbcConsentLedgerContract extends ConsentLedgerContract {

    private final List<String> prefixes = new ArrayList<>();

    /** A data source on the test database; each call may return a new pool on the same database. */
    protected abstract DataSource dataSource();

    /** Who makes the ledgers' tables: by default the ledger itself. */
    protected SchemaManagement schemaManagement() {
        return SchemaManagement.CREATE;
    }

    /** Sets whatever else a database's test builds its ledgers with (e.g. partitioning); nothing by default. */
    protected JdbcConsentLedger.Builder configure(JdbcConsentLedger.Builder builder) {
        return builder;
    }

    /** Makes the tables of a new ledger before it is built, when {@link #schemaManagement()} leaves that to the test. */
    protected void createTables(String prefix) {
    }

    @Override
    protected ConsentLedger newLedger(Clock clock, Collection<ConsentPolicy> knownPolicies) {
        String prefix = "lt" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
        prefixes.add(prefix);
        createTables(prefix);
        return configure(JdbcConsentLedger.builder(dataSource()).tablePrefix(prefix).clock(clock).policies(knownPolicies)
                .schemaManagement(schemaManagement())).build();
    }

    @Override
    protected ConsentLedger sameStore(ConsentLedger ledger) {
        return configure(JdbcConsentLedger.builder(dataSource()).tablePrefix(((JdbcConsentLedger) ledger).tablePrefix()).clock(clock)
                .schemaManagement(schemaManagement())).build();
    }

    @AfterEach
    void dropTables() throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String prefix : prefixes) {
                for (String table : List.of("ledger_record", "ledger_event", "ledger_shard", "ledger_meta",
                        FlywayMigrations.HISTORY_TABLE)) {
                    s.execute("DROP TABLE IF EXISTS " + prefix + table);
                }
            }
        }
        prefixes.clear();
    }

    @Override
    protected Tampering tampering(ConsentLedger ledger) {
        String table = ((JdbcConsentLedger) ledger).tablePrefix() + "ledger_record";
        String events = ((JdbcConsentLedger) ledger).tablePrefix() + "ledger_event";
        return new Tampering() {
            @Override
            public void forgeTombstone(ConsentRecord record) {
                update("UPDATE " + table + " SET subject_id = NULL, policy_id = NULL, policy_version = NULL, grants = NULL,"
                        + " method = NULL, decided_at = NULL, locale = NULL, collection_point = NULL, notice_hash = NULL,"
                        + " erased_at = recorded_at WHERE record_id = ?", record.recordId());
            }

            @Override
            public void clearSubjectOnly(ConsentRecord record) {
                update("UPDATE " + table + " SET subject_id = NULL WHERE record_id = ?", record.recordId());
            }

            @Override
            public void restoreGrants(ConsentRecord erased) {
                update("UPDATE " + table + " SET grants = ? WHERE record_id = ?", LedgerChain.grantsJson(erased.grants()),
                        erased.recordId());
            }

            @Override
            public void deleteEntry(int shard, long sequence) {
                try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
                    int deleted = s.executeUpdate("DELETE FROM " + table + " WHERE shard = " + shard + " AND seq = " + sequence)
                            + s.executeUpdate("DELETE FROM " + events + " WHERE shard = " + shard + " AND seq = " + sequence);
                    assertThat(deleted).isEqualTo(1);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void alterGrant(ConsentRecord record, String purposeId, boolean granted) {
                Map<String, Boolean> grants = new TreeMap<>(record.grants());
                grants.put(purposeId, granted);
                update("UPDATE " + table + " SET grants = ? WHERE record_id = ?", LedgerChain.grantsJson(grants), record.recordId());
            }

            @Override
            public void delete(ConsentRecord record) {
                update("DELETE FROM " + table + " WHERE record_id = ?", record.recordId());
            }

            @Override
            public void swap(ConsentRecord first, ConsentRecord second) {
                update("UPDATE " + table + " SET seq = ? WHERE record_id = ?", -1L, first.recordId());
                update("UPDATE " + table + " SET seq = ? WHERE record_id = ?", first.sequence(), second.recordId());
                update("UPDATE " + table + " SET seq = ? WHERE record_id = ?", second.sequence(), first.recordId());
            }

            @Override
            public void insert(ConsentRecord forged) {
                // Make room the way an intruder would: move the later rows up one position, highest first.
                try (Connection c = dataSource().getConnection()) {
                    List<Long> later = new ArrayList<>();
                    try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM " + table
                            + " WHERE shard = ? AND seq >= ? ORDER BY seq DESC")) {
                        ps.setInt(1, forged.shard());
                        ps.setLong(2, forged.sequence());
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                later.add(rs.getLong(1));
                            }
                        }
                    }
                    for (long seq : later) {
                        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET seq = ? WHERE shard = ? AND seq = ?")) {
                            ps.setLong(1, seq + 1);
                            ps.setInt(2, forged.shard());
                            ps.setLong(3, seq);
                            ps.executeUpdate();
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement(RecordColumns.insert(table))) {
                        RecordColumns.bind(SqlDialect.of(c), ps, forged);
                        ps.executeUpdate();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }

            private void update(String sql, Object... params) {
                try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < params.length; i++) {
                        ps.setObject(i + 1, params[i]);
                    }
                    assertThat(ps.executeUpdate()).as(sql).isEqualTo(1);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    // ------------------------------------------------------------------ a commit whose outcome is unknown

    /** A second instance of {@code ledger} whose connections come from {@code faults}. */
    private JdbcConsentLedger through(CommitFaults faults, JdbcConsentLedger ledger) {
        return JdbcConsentLedger.builder(faults.dataSource()).tablePrefix(ledger.tablePrefix()).clock(clock)
                .schemaManagement(schemaManagement()).build();
    }

    @Test
    void aCommitThatWroteButLostItsAnswerReturnsTheStoredRecord() {
        JdbcConsentLedger plain = (JdbcConsentLedger) ledger();
        CommitFaults faults = new CommitFaults(dataSource());
        JdbcConsentLedger ledger = through(faults, plain);
        ConsentRecord before = ledger.append(record("lost-answer", T0, false, false));

        faults.failNextCommit(CommitFaults.NextCommit.COMMIT_THEN_THROW);
        ConsentRecord stored = ledger.append(record("lost-answer", T0, true, true));

        assertThat(stored.sequence()).isEqualTo(before.sequence() + 1);
        assertThat(plain.latest("lost-answer")).as("what the ledger answered is what it holds").contains(stored);
        assertThat(ledger.append(record("lost-answer", T0, true, false)).previousHash()).isEqualTo(stored.hash());
        assertThat(plain.verify().isIntact()).isTrue();
    }

    @Test
    void aGroupWhoseCommitWroteButLostItsAnswerReturnsEveryRecord() {
        JdbcConsentLedger plain = (JdbcConsentLedger) ledger();
        CommitFaults faults = new CommitFaults(dataSource());
        JdbcConsentLedger ledger = through(faults, plain);
        List<String> subjects = List.of("group-a", "group-b", "group-c", "group-d");

        faults.failNextCommit(CommitFaults.NextCommit.COMMIT_THEN_THROW);
        List<ConsentRecord> stored = ledger.appendAll(subjects.stream().map(s -> record(s, T0, true, false)).toList());

        assertThat(stored).hasSize(4);
        for (ConsentRecord r : stored) {
            assertThat(plain.latest(r.subjectId())).contains(r);
        }
        assertThat(plain.verify().recordsChecked()).isEqualTo(4);
        assertThat(plain.verify().isIntact()).isTrue();
    }

    @Test
    void aCommitThatFailedWithoutWritingThrowsAndLeavesNothing() {
        JdbcConsentLedger plain = (JdbcConsentLedger) ledger();
        CommitFaults faults = new CommitFaults(dataSource());
        JdbcConsentLedger ledger = through(faults, plain);
        ConsentRecord before = ledger.append(record("not-written", T0, false, false));

        faults.failNextCommit(CommitFaults.NextCommit.THROW_WITHOUT_COMMIT);
        assertThatThrownBy(() -> ledger.append(record("not-written", T0, true, true)))
                .isInstanceOf(LedgerException.class).hasMessageContaining("nothing was written")
                .hasMessageNotContaining("not-written");

        assertThat(plain.history("not-written")).containsExactly(before);
        assertThat(ledger.append(record("not-written", T0, true, false)).previousHash()).isEqualTo(before.hash());
        assertThat(plain.verify().isIntact()).isTrue();
    }

    @Test
    void aCommitWhoseOutcomeCannotBeLearntFailsAndSaysSo() {
        JdbcConsentLedger plain = (JdbcConsentLedger) ledger();
        CommitFaults faults = new CommitFaults(dataSource());
        JdbcConsentLedger ledger = through(faults, plain);
        ledger.append(record("unknown", T0, false, false));

        faults.failNextCommitAndGoDown(CommitFaults.NextCommit.COMMIT_THEN_THROW);
        assertThatThrownBy(() -> ledger.append(record("unknown", T0, true, true)))
                .isInstanceOf(LedgerException.class).hasMessageContaining("unknown whether")
                .hasMessageNotContaining("nothing was written");

        // As docs/ledger.md says: the ledger may hold a record the caller did not get back, and latest shows it.
        assertThat(plain.latest("unknown")).hasValueSatisfying(r -> assertThat(r.grants()).containsValue(true));
        faults.down(false);
        clock.advance(ConnectionGate.MAX_BACKOFF);
        assertThat(ledger.append(record("unknown", T0, false, false)).sequence()).isEqualTo(3);
        assertThat(plain.verify().isIntact()).isTrue();
    }

    @Test
    void schemaCreationIsIdempotentAndRecordsItsVersion() throws SQLException {
        JdbcConsentLedger first = (JdbcConsentLedger) ledger();
        ConsentRecord stored = first.append(record("schema", T0, true, true));

        JdbcConsentLedger again = JdbcConsentLedger.builder(dataSource()).tablePrefix(first.tablePrefix()).shards(4).build();

        assertThat(again.shards()).as("keeps the shard count it was created with").isEqualTo(16);
        assertThat(again.latest("schema")).contains(stored);
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT schema_version, shard_count FROM " + first.tablePrefix() + "ledger_meta")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(JdbcConsentLedger.SCHEMA_VERSION);
            assertThat(rs.getInt(2)).isEqualTo(16);
            assertThat(rs.next()).as("one schema row").isFalse();
        }
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + first.tablePrefix() + "ledger_shard")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(16);
        }
    }

    @Test
    void upgradesAVersion1LedgerByAddingTheEventTableAndNamingItsTombstones() throws SQLException {
        JdbcConsentLedger first = (JdbcConsentLedger) ledger();
        ConsentRecord stored = first.append(record("from-v1", T0, true, true));
        ConsentRecord erasedInV1 = first.append(record("erased-in-v1", T0.minus(java.time.Duration.ofDays(800)), true, true));
        String prefix = first.tablePrefix();
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            // What version 1 left: no event table, and erasures that emptied records without an event.
            s.execute("DROP TABLE " + prefix + "ledger_event");
            s.executeUpdate("UPDATE " + prefix + "ledger_record SET subject_id = NULL, policy_id = NULL, policy_version = NULL,"
                    + " grants = NULL, method = NULL, decided_at = NULL, locale = NULL, collection_point = NULL, notice_hash = NULL,"
                    + " erased_at = recorded_at WHERE record_id = '" + erasedInV1.recordId() + "'");
            s.executeUpdate("UPDATE " + prefix + "ledger_meta SET schema_version = 1");
        }

        JdbcConsentLedger upgraded = JdbcConsentLedger.builder(dataSource()).tablePrefix(prefix).clock(clock).build();

        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT schema_version FROM " + prefix + "ledger_meta")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
        assertThat(upgraded.latest("from-v1")).contains(stored);
        var v = upgraded.verify();
        assertThat(v.isIntact()).as(v.toString()).isTrue();
        assertThat(v.tombstones()).isEqualTo(1);
        assertThat(v.events()).as("one upgrade event, in the shard holding the old tombstone").isEqualTo(1);
        assertThat(JdbcConsentLedger.builder(dataSource()).tablePrefix(prefix).build().verify().events())
                .as("a second start does not upgrade again").isEqualTo(1);
        assertThat(upgraded.erase("from-v1")).isEqualTo(1);
        assertThat(upgraded.purge(T0)).isZero();
        assertThat(upgraded.verify().isIntact()).isTrue();
        assertThat(upgraded.verify().tombstones()).as("the old tombstone was purged like any other").isEqualTo(1);
    }

    @Test
    void refusesASchemaNewerThanItKnows() throws SQLException {
        JdbcConsentLedger first = (JdbcConsentLedger) ledger();
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE " + first.tablePrefix() + "ledger_meta SET schema_version = 99");
        }

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JdbcConsentLedger.builder(dataSource())
                        .tablePrefix(first.tablePrefix()).build())
                .isInstanceOf(dev.samtykke.core.ledger.LedgerException.class)
                .hasMessageContaining("schema version 99");
    }

    @Test
    void erasedRowsKeepNoPersonalContent() throws SQLException {
        JdbcConsentLedger ledger = (JdbcConsentLedger) ledger();
        ledger.append(record("forget-me", T0, true, true));
        ledger.erase("forget-me");

        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT subject_id, grants, collection_point, notice_hash, erased_at, record_hash FROM "
                     + ledger.tablePrefix() + "ledger_record")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isNull();
            assertThat(rs.getString(2)).isNull();
            assertThat(rs.getString(3)).isNull();
            assertThat(rs.getString(4)).isNull();
            assertThat(rs.getObject(5)).isNotNull();
            assertThat(rs.getString(6)).matches("[0-9a-f]{64}");
        }
    }

    @Test
    void aCheckpointMovedOutsideTheLedgerIsReported() throws SQLException {
        ConsentRecord first = ledger().append(record("cut-away", T0, true, true));
        ConsentRecord second = ledger().append(record("cut-away", T0, false, false));
        String prefix = ((JdbcConsentLedger) ledger()).tablePrefix();
        // An intruder deletes the start of a chain and moves its checkpoint past it, with the right hash: no purge did it.
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM " + prefix + "ledger_record WHERE shard = " + first.shard() + " AND seq = " + first.sequence());
            s.executeUpdate("UPDATE " + prefix + "ledger_shard SET base_seq = " + first.sequence() + ", base_hash = '"
                    + second.previousHash() + "' WHERE shard = " + first.shard());
        }

        assertThat(ledger().verify().problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(dev.samtykke.core.ledger.LedgerVerification.Kind.UNPROVEN_CHECKPOINT);
            assertThat(p.shard()).isEqualTo(first.shard());
            assertThat(p.sequence()).isEqualTo(first.sequence());
        });
    }
}
