package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.LedgerException;
import dev.samtykke.core.ledger.spi.LedgerChain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The statements on {@code <prefix>ledger_shard}, one row per shard: its head (the last position and hash of its chain,
 * locked by every write to the shard) and its checkpoint (where the chain starts after a purge). Callers run them in
 * their own transactions.
 */
final class ShardTable {

    /** A shard's head: the position and hash of its last entry. */
    record Head(long sequence, String hash) {
    }

    /** Every shard's head and checkpoint, as verification reads them. */
    record Bounds(long[] baseSeq, String[] baseHash, long[] headSeq, String[] headHash) {
        /** The chain positions between the checkpoints and the heads, summed over the shards. */
        long positions() {
            long sum = 0;
            for (int i = 0; i < headSeq.length; i++) {
                sum += headSeq[i] - baseSeq[i];
            }
            return sum;
        }
    }

    final String table;

    ShardTable(String prefix) {
        this.table = prefix + "ledger_shard";
    }

    /** The shard's head, its row locked until the transaction ends. */
    Head lock(Connection c, int shard) throws SQLException {
        return lock(c, shard, 0);
    }

    /** The shard's head, its row locked until the transaction ends, waiting at most {@code timeoutSeconds} (0: no limit). */
    Head lock(Connection c, int shard, int timeoutSeconds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT head_seq, head_hash FROM " + table + " WHERE shard = ? FOR UPDATE")) {
            if (timeoutSeconds > 0) {
                ps.setQueryTimeout(timeoutSeconds);
            }
            ps.setInt(1, shard);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new LedgerException("consent ledger: shard " + shard + " has no head row in " + table);
                }
                return new Head(rs.getLong(1), rs.getString(2));
            }
        }
    }

    /**
     * Locks the heads of those of the shards that no other transaction holds, in one statement ({@code FOR UPDATE SKIP
     * LOCKED}, which never waits), and returns them; a shard another transaction holds is left out. Only on databases
     * whose dialect has it (see {@link HeadLocks#supported}).
     */
    Map<Integer, Head> lockUnlessLocked(Connection c, Collection<Integer> shards) throws SQLException {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < shards.size(); i++) {
            in.append(i == 0 ? "?" : ", ?");
        }
        Map<Integer, Head> heads = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT shard, head_seq, head_hash FROM " + table + " WHERE shard IN ("
                + in + ") ORDER BY shard FOR UPDATE SKIP LOCKED")) {
            int i = 1;
            for (int shard : shards) {
                ps.setInt(i++, shard);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    heads.put(rs.getInt(1), new Head(rs.getLong(2), rs.getString(3)));
                }
            }
        }
        return heads;
    }

    /**
     * Moves each shard's head from the expected one to its last sealed record (which also locks the rows, in the map's
     * ascending order); false if any head was no longer the expected one.
     */
    boolean compareAndMove(Connection c, Map<Integer, Head> expected, Map<Integer, List<ConsentRecord>> sealed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
                + " SET head_seq = ?, head_hash = ? WHERE shard = ? AND head_seq = ? AND head_hash = ?")) {
            for (var e : sealed.entrySet()) {
                ConsentRecord last = e.getValue().get(e.getValue().size() - 1);
                Head known = expected.get(e.getKey());
                ps.setLong(1, last.sequence());
                ps.setString(2, last.hash());
                ps.setInt(3, e.getKey());
                ps.setLong(4, known.sequence());
                ps.setString(5, known.hash());
                if (sealed.size() == 1) {
                    return ps.executeUpdate() == 1;
                }
                ps.addBatch();
            }
            for (int count : ps.executeBatch()) {
                if (count != 1) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Sets each shard's head (locked by this transaction) to its last sealed record. */
    void move(Connection c, Map<Integer, List<ConsentRecord>> sealed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET head_seq = ?, head_hash = ? WHERE shard = ?")) {
            for (var e : sealed.entrySet()) {
                ConsentRecord last = e.getValue().get(e.getValue().size() - 1);
                ps.setLong(1, last.sequence());
                ps.setString(2, last.hash());
                ps.setInt(3, e.getKey());
                if (sealed.size() == 1) {
                    ps.executeUpdate();
                    return;
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The shard numbers that have a row. */
    List<Integer> shards(Connection c) throws SQLException {
        List<Integer> shards = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT shard FROM " + table + " ORDER BY shard")) {
            while (rs.next()) {
                shards.add(rs.getInt(1));
            }
        }
        return shards;
    }

    /**
     * Inserts the genesis rows of the shards 0 to {@code count - 1} that have none, in one transaction; a concurrent
     * instance that inserts them first is no failure.
     */
    void ensureRows(Connection c, int count) throws SQLException {
        Set<Integer> present = new HashSet<>(shards(c));
        if (present.size() >= count) {
            return;
        }
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                + " (shard, head_seq, head_hash, base_seq, base_hash) VALUES (?, 0, ?, 0, ?)")) {
            for (int i = 0; i < count; i++) {
                if (!present.contains(i)) {
                    ps.setInt(1, i);
                    ps.setString(2, LedgerChain.GENESIS_HASH);
                    ps.setString(3, LedgerChain.GENESIS_HASH);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                if (!rs.next() || rs.getInt(1) < count) {
                    throw e;
                }
            }
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The heads and checkpoints of the shards 0 to {@code count - 1} (genesis for a shard without a row). */
    Bounds bounds(Connection c, int count) throws SQLException {
        Bounds b = new Bounds(new long[count], new String[count], new long[count], new String[count]);
        Arrays.fill(b.baseHash(), LedgerChain.GENESIS_HASH);
        Arrays.fill(b.headHash(), LedgerChain.GENESIS_HASH);
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT shard, head_seq, head_hash, base_seq, base_hash FROM " + table)) {
            while (rs.next()) {
                int shard = rs.getInt(1);
                if (shard >= 0 && shard < count) {
                    b.headSeq()[shard] = rs.getLong(2);
                    b.headHash()[shard] = rs.getString(3);
                    b.baseSeq()[shard] = rs.getLong(4);
                    b.baseHash()[shard] = rs.getString(5);
                }
            }
        }
        return b;
    }
}
