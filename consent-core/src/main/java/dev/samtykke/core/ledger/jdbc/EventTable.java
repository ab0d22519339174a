package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.spi.ChainEntry;
import dev.samtykke.core.ledger.spi.LedgerChain;
import dev.samtykke.core.ledger.spi.LedgerEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The table of erasure, purge and eviction events ({@code <prefix>ledger_event}, schema version 2): each event takes
 * a position in its shard's chain beside the records of {@code <prefix>ledger_record}. Callers run these statements
 * inside their own transactions, holding the shard's head row where they write.
 */
final class EventTable {

    /** The table's columns, in the order of its statements. */
    static final String COLUMNS = "shard, seq, event_id, body, recorded_at, content_hash, previous_hash, record_hash";

    final String table;
    private final String shardTable;
    private final SqlDialect dialect;

    EventTable(String prefix, SqlDialect dialect) {
        this.table = prefix + "ledger_event";
        this.shardTable = prefix + "ledger_shard";
        this.dialect = dialect;
    }

    /**
     * Seals an event at the head of a shard whose head row the caller's transaction holds, inserts it and moves the head.
     *
     * @return the stored event
     */
    ChainEntry append(Connection c, int shard, long headSequence, String headHash, LedgerEvent event) throws SQLException {
        ChainEntry sealed = LedgerChain.sealEvent(event, UUID.randomUUID().toString(), shard, headSequence + 1, headHash);
        insert(c, sealed);
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + shardTable + " SET head_seq = ?, head_hash = ? WHERE shard = ?")) {
            ps.setLong(1, sealed.sequence());
            ps.setString(2, sealed.hash());
            ps.setInt(3, shard);
            ps.executeUpdate();
        }
        return sealed;
    }

    /** Inserts a sealed event. */
    private void insert(Connection c, ChainEntry event) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setInt(1, event.shard());
            ps.setLong(2, event.sequence());
            ps.setString(3, event.recordId());
            ps.setString(4, event.event().toJson());
            ps.setObject(5, dialect.time(event.recordedAt()));
            ps.setString(6, event.contentHash());
            ps.setString(7, event.previousHash());
            ps.setString(8, event.hash());
            ps.executeUpdate();
        }
    }

    /**
     * Every event, by shard, each shard's in ascending sequence. An event whose body cannot be read comes back as an
     * entry whose content hash cannot match, so that verification reports it as modified.
     */
    Map<Integer, List<ChainEntry>> readAll(Connection c) throws SQLException {
        Map<Integer, List<ChainEntry>> byShard = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM " + table + " ORDER BY shard, seq")) {
            while (rs.next()) {
                ChainEntry entry = read(rs);
                byShard.computeIfAbsent(entry.shard(), k -> new ArrayList<>()).add(entry);
            }
        }
        return byShard;
    }

    /** The events of one shard, in ascending sequence. */
    List<ChainEntry> readShard(Connection c, int shard) throws SQLException {
        List<ChainEntry> entries = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " WHERE shard = ? ORDER BY seq")) {
            ps.setInt(1, shard);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(read(rs));
                }
            }
        }
        return entries;
    }

    private ChainEntry read(ResultSet rs) throws SQLException {
        int shard = rs.getInt(1);
        long seq = rs.getLong(2);
        String id = rs.getString(3);
        Instant at = dialect.instant(rs, "recorded_at");
        try {
            return new ChainEntry(shard, seq, id, rs.getString(6), rs.getString(7), rs.getString(8), at, null,
                    LedgerEvent.parse(rs.getString(4)), false);
        } catch (IllegalArgumentException unreadable) {
            return new ChainEntry(shard, seq, id, "unreadable event", rs.getString(7), rs.getString(8), at, null, null, true);
        }
    }

    /** The first position of the shard's events at or after {@code time}, or {@link Long#MAX_VALUE} if none. */
    long firstAtOrAfter(Connection c, int shard, Instant time) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(seq) FROM " + table + " WHERE shard = ? AND recorded_at >= ?")) {
            ps.setInt(1, shard);
            ps.setObject(2, dialect.time(time));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long min = rs.getLong(1);
                    if (!rs.wasNull()) {
                        return min;
                    }
                }
            }
        }
        return Long.MAX_VALUE;
    }

    /** The hash of the shard's event at {@code seq}, or {@code null} if no event is there. */
    String hashAt(Connection c, int shard, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT record_hash FROM " + table + " WHERE shard = ? AND seq = ?")) {
            ps.setInt(1, shard);
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Deletes the shard's events at or before {@code seq}. */
    void deleteThrough(Connection c, int shard, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE shard = ? AND seq <= ?")) {
            ps.setInt(1, shard);
            ps.setLong(2, seq);
            ps.executeUpdate();
        }
    }
}
