package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.LedgerException;
import dev.samtykke.core.ledger.spi.LedgerChain;
import dev.samtykke.core.ledger.spi.LedgerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ledger's tables: created or upgraded on start ({@link SchemaManagement#CREATE}), or only checked
 * ({@link SchemaManagement#NONE}); then the shards' head rows inserted where missing.
 *
 * <p>The tables' DDL is Samtykke's Flyway migrations ({@value JdbcConsentLedger#FLYWAY_LOCATION}): the ledger runs
 * the same files a Flyway run does, one per schema version ({@link #DDL}). Flyway runs two more, which write the
 * {@code ledger_meta} row as the ledger writes it here. The {@code ledger_meta} row (schema version and shard count) is
 * the state this class reads and, when it creates or upgrades, writes.
 */
final class LedgerSchema {

    /** The placeholder of the table prefix in the migrations. */
    static final String PREFIX_PLACEHOLDER = "samtykke_prefix";
    /** The placeholder of the shard count in the Flyway migration that writes the schema row. */
    static final String SHARDS_PLACEHOLDER = "samtykke_shards";
    /** The DDL of each schema version, in order (version 1 first): the migrations the ledger runs itself, in the folder of
     *  each {@link SqlDialect#folder() dialect}. */
    static final List<String> DDL = List.of("V1__samtykke_ledger_tables.sql", "V2__samtykke_ledger_events.sql");

    private static final Logger LOG = LoggerFactory.getLogger(JdbcConsentLedger.class);

    private final String prefix;
    private final String metaTable;
    private final String recordTable;
    private final ShardTable shardTable;
    private final SchemaManagement management;
    private final int requestedShards;
    private final Clock clock;

    LedgerSchema(String prefix, ShardTable shardTable, SchemaManagement management, int requestedShards, Clock clock) {
        this.prefix = prefix;
        this.metaTable = prefix + "ledger_meta";
        this.recordTable = prefix + "ledger_record";
        this.shardTable = shardTable;
        this.management = management;
        this.requestedShards = requestedShards;
        this.clock = clock;
    }

    /**
     * Creates, upgrades or checks the tables, inserts missing shard rows, and returns the shard count the ledger was
     * created with.
     *
     * @param dialect the database's dialect: which DDL to run, how to store times
     * @throws LedgerException if the tables cannot be used (newer than this library, or missing with management off)
     */
    int prepare(Connection c, SqlDialect dialect) throws SQLException {
        int version = readVersion(c);
        if (version > JdbcConsentLedger.SCHEMA_VERSION) {
            throw new LedgerException("consent ledger tables " + prefix + "ledger_* have schema version " + version
                    + ", newer than this library supports (" + JdbcConsentLedger.SCHEMA_VERSION + "); upgrade Samtykke");
        }
        if (management == SchemaManagement.NONE) {
            check(c, version, dialect);
        } else if (version < JdbcConsentLedger.SCHEMA_VERSION) {
            try {
                upgrade(c, version, dialect);
            } catch (SQLException e) {
                // Another instance may be creating the same schema right now: accept its work if it is done.
                if (readVersion(c) != JdbcConsentLedger.SCHEMA_VERSION) {
                    throw e;
                }
            }
        }
        int stored = readShardCount(c);
        shardTable.ensureRows(c, stored);
        if (stored != requestedShards) {
            LOG.info("Consent ledger {}ledger_* uses the {} shards it was created with ({} requested)", prefix, stored, requestedShards);
        }
        return stored;
    }

    /** The DDL script of a schema version in a dialect, with the prefix in place. */
    SqlScript script(int version, SqlDialect dialect) {
        return SqlScript.load(dialect.folder() + DDL.get(version - 1), Map.of(PREFIX_PLACEHOLDER, prefix));
    }

    /** With management off: the tables must be there, at this library's version, with the columns it uses. */
    private void check(Connection c, int version, SqlDialect dialect) {
        String fix = " Schema management is off (SchemaManagement.NONE, samtykke.ledger.schema=none): apply Samtykke's Flyway"
                + " migrations (" + dialect.flywayLocation() + ", placeholders " + PREFIX_PLACEHOLDER + "=" + prefix
                + " and " + SHARDS_PLACEHOLDER + ") before the ledger starts, or let the ledger create its tables"
                + " (SchemaManagement.CREATE, samtykke.ledger.schema=create).";
        if (version == 0) {
            throw new LedgerException("consent ledger: the tables " + prefix + "ledger_* are missing, or " + metaTable
                    + " holds no schema row." + fix);
        }
        if (version < JdbcConsentLedger.SCHEMA_VERSION) {
            throw new LedgerException("consent ledger: the tables " + prefix + "ledger_* have schema version " + version
                    + ", this library needs " + JdbcConsentLedger.SCHEMA_VERSION + "." + fix + " A version 1 ledger holding"
                    + " tombstones is upgraded by the ledger only: start it once with schema management CREATE.");
        }
        Map<String, String> needed = Map.of(
                recordTable, RecordColumns.LIST + ", " + RecordColumns.ERASED_AT,
                shardTable.table, "shard, head_seq, head_hash, base_seq, base_hash",
                prefix + "ledger_event", EventTable.COLUMNS);
        for (var table : needed.entrySet()) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT " + table.getValue() + " FROM " + table.getKey() + " WHERE 1 = 0")) {
                rs.next();
            } catch (SQLException e) {
                // No SQLException as the cause: this is no database outage, and must not be deferred like one.
                throw new LedgerException("consent ledger: the table " + table.getKey() + " is missing or lacks columns ("
                        + table.getValue() + "): " + e.getMessage() + "." + fix);
            }
        }
    }

    /** The stored schema version, 0 if the table or its row is missing. */
    private int readVersion(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT schema_version FROM " + metaTable + " WHERE id = 1")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException missingTable) {
            if (ConnectionGate.isConnectionFailure(missingTable)) {
                throw missingTable;
            }
            return 0;
        }
    }

    private int readShardCount(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT shard_count FROM " + metaTable + " WHERE id = 1")) {
            if (!rs.next()) {
                throw new LedgerException("consent ledger: " + metaTable + " has no schema row");
            }
            return LedgerChain.requireShards(rs.getInt(1));
        }
    }

    /** Creates the tables (from 0) or migrates them one version at a time, each step in one transaction. */
    private void upgrade(Connection c, int from, SqlDialect dialect) throws SQLException {
        if (from == 0) {
            for (int version = 1; version <= JdbcConsentLedger.SCHEMA_VERSION; version++) {
                script(version, dialect).run(c);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + metaTable
                    + " (id, schema_version, shard_count, created_at) VALUES (1, ?, ?, ?)")) {
                ps.setInt(1, JdbcConsentLedger.SCHEMA_VERSION);
                ps.setInt(2, requestedShards);
                ps.setObject(3, dialect.time(clock.instant()));
                ps.executeUpdate();
            }
            LOG.info("Consent ledger tables {}ledger_* created at schema version {}", prefix, JdbcConsentLedger.SCHEMA_VERSION);
            return;
        }
        for (int version = from + 1; version <= JdbcConsentLedger.SCHEMA_VERSION; version++) {
            script(version, dialect).run(c);
            c.setAutoCommit(false);
            try {
                if (lockVersion(c) < version) {
                    if (version == 2) {
                        coverEarlierTombstones(c, new EventTable(prefix, dialect));
                    }
                    try (PreparedStatement ps = c.prepareStatement("UPDATE " + metaTable + " SET schema_version = ? WHERE id = 1")) {
                        ps.setInt(1, version);
                        ps.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            LOG.info("Consent ledger tables {}ledger_* upgraded to schema version {}", prefix, version);
        }
    }

    /** The stored schema version, its row locked until the transaction ends (so that one instance upgrades). */
    private int lockVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT schema_version FROM " + metaTable + " WHERE id = 1 FOR UPDATE")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /**
     * Upgrading from version 1, where erasures and purges wrote no events: each shard holding tombstones gets an
     * {@link LedgerEvent.Kind#UPGRADE upgrade} event naming them, so that every later tombstone needs an event of its own.
     */
    private void coverEarlierTombstones(Connection c, EventTable events) throws SQLException {
        Instant now = clock.instant();
        for (int shard : shardTable.shards(c)) {
            ShardTable.Head head = shardTable.lock(c, shard);
            List<Long> positions = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM " + recordTable + " WHERE shard = ? AND subject_id IS NULL")) {
                ps.setInt(1, shard);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        positions.add(rs.getLong(1));
                    }
                }
            }
            if (!positions.isEmpty()) {
                events.append(c, shard, head.sequence(), head.hash(), LedgerEvent.upgrade(now, positions));
                LOG.warn("Consent ledger {}ledger_*: shard {} holds {} tombstones from before schema version 2, which recorded"
                        + " no erasure events; an upgrade event now names them (it proves only that they were empty then)",
                        prefix, shard, positions.size());
            }
        }
    }
}
