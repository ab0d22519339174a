package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.LedgerException;
import dev.samtykke.core.ledger.PurgeResult;
import dev.samtykke.core.ledger.spi.EventCoverage;
import dev.samtykke.core.ledger.spi.LedgerEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The purge of one shard of a {@link JdbcConsentLedger}, inside the caller's transaction. */
final class ShardPurge {

    private final String recordTable;
    private final String shardTable;
    private final EventTable events;
    private final Clock clock;
    private final SqlDialect dialect;

    /** Whether the rows before the checkpoint are deleted (else they stay, as tombstones, until their partition is dropped). */
    private final boolean deleteRows;

    ShardPurge(String recordTable, String shardTable, EventTable events, Clock clock, SqlDialect dialect, boolean deleteRows) {
        this.dialect = dialect;
        this.deleteRows = deleteRows;
        this.recordTable = recordTable;
        this.shardTable = shardTable;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Purges one shard, holding its head row: empties its expired records, deletes its leading run of expired tombstones
     * and of events older than the cut-off (moving the checkpoint past them), and records both in a purge event.
     */
    PurgeResult purge(Connection c, int shard, Instant olderThan) throws SQLException {
        long baseSequence;
        long headSequence;
        String headHash;
        try (PreparedStatement ps = c.prepareStatement("SELECT base_seq, head_seq, head_hash FROM " + shardTable
                + " WHERE shard = ? FOR UPDATE")) {
            ps.setInt(1, shard);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new LedgerException("consent ledger: shard " + shard + " has no head row in " + shardTable);
                }
                baseSequence = rs.getLong(1);
                headSequence = rs.getLong(2);
                headHash = rs.getString(3);
            }
        }
        List<Long> positions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM " + recordTable
                + " WHERE shard = ? AND expires_at < ? AND subject_id IS NOT NULL")) {
            ps.setInt(1, shard);
            ps.setObject(2, dialect.time(olderThan));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    positions.add(rs.getLong(1));
                }
            }
        }
        Instant now = clock.instant();
        if (!positions.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + recordTable + " SET " + RecordColumns.clearContent()
                    + " WHERE shard = ? AND expires_at < ? AND subject_id IS NOT NULL")) {
                ps.setObject(1, dialect.time(now));
                ps.setInt(2, shard);
                ps.setObject(3, dialect.time(olderThan));
                ps.executeUpdate();
            }
        }
        long firstKept = Math.min(headSequence + 1, events.firstAtOrAfter(c, shard, olderThan));
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(seq) FROM " + recordTable
                + " WHERE shard = ? AND (subject_id IS NOT NULL OR expires_at >= ?) AND seq > ?")) {
            ps.setInt(1, shard);
            ps.setObject(2, dialect.time(olderThan));
            ps.setLong(3, baseSequence);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long min = rs.getLong(1);
                    if (!rs.wasNull()) {
                        firstKept = Math.min(firstKept, min);
                    }
                }
            }
        }
        firstKept = firstEvidence(c, shard, baseSequence, firstKept, positions);
        long newBase = firstKept - 1;
        LedgerEvent.Range removed = null;
        if (newBase > baseSequence) {
            String baseHash = events.hashAt(c, shard, newBase);
            if (baseHash == null) {
                try (PreparedStatement ps = c.prepareStatement("SELECT record_hash FROM " + recordTable + " WHERE shard = ? AND seq = ?")) {
                    ps.setInt(1, shard);
                    ps.setLong(2, newBase);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new LedgerException("consent ledger: shard " + shard + " lacks record #" + newBase
                                    + "; run verify() before purging");
                        }
                        baseHash = rs.getString(1);
                    }
                }
            }
            if (deleteRows) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + recordTable + " WHERE shard = ? AND seq <= ?")) {
                    ps.setInt(1, shard);
                    ps.setLong(2, newBase);
                    ps.executeUpdate();
                }
            }
            events.deleteThrough(c, shard, newBase);
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + shardTable + " SET base_seq = ?, base_hash = ? WHERE shard = ?")) {
                ps.setLong(1, newBase);
                ps.setString(2, baseHash);
                ps.setInt(3, shard);
                ps.executeUpdate();
            }
            removed = new LedgerEvent.Range(baseSequence + 1, newBase);
        }
        if (!positions.isEmpty() || removed != null) {
            events.append(c, shard, headSequence, headHash, LedgerEvent.purge(now, olderThan, positions, removed));
        }
        return positions.isEmpty() && removed == null ? PurgeResult.NOTHING
                : new PurgeResult(positions.size(), removed == null ? 0 : removed.last() - removed.first() + 1, 1);
    }

    /**
     * The first tombstone of a shard's leading run (after {@code baseSequence}, before {@code firstKept}) that must stay
     * as evidence of tampering: one that no event covers (nor this purge emptied), or one holding content; else
     * {@code firstKept}.
     */
    private long firstEvidence(Connection c, int shard, long baseSequence, long firstKept, List<Long> emptiedNow) throws SQLException {
        if (firstKept <= baseSequence + 1) {
            return firstKept;
        }
        EventCoverage coverage = EventCoverage.of(shard, events.readShard(c, shard));
        Set<Long> emptied = new HashSet<>(emptiedNow);
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, " + String.join(", ", RecordColumns.CONTENT) + " FROM " + recordTable
                + " WHERE shard = ? AND seq > ? AND seq < ? AND subject_id IS NULL ORDER BY seq")) {
            ps.setInt(1, shard);
            ps.setLong(2, baseSequence);
            ps.setLong(3, firstKept);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    if (RecordColumns.hasContent(rs) || !(emptied.contains(seq) || coverage.covers(seq))) {
                        return seq;
                    }
                }
            }
        }
        return firstKept;
    }
}
