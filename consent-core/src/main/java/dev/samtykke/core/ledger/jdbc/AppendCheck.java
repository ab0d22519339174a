package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.ConsentRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * After the commit of an append group failed on a lost connection: whether the database holds the group all the same.
 * It locks the head rows of the group's shards, in ascending order as an append does (so a commit still under way on the
 * lost connection ends first, and no deadlock can arise), each lock waiting at most
 * {@value Transactions#CHECK_TIMEOUT_SECONDS} s, then looks for each record at its position in its chain by its id.
 * A transaction is all or nothing: either every record is there (written) or none is (not written).
 */
final class AppendCheck implements Transactions.CommitCheck<Map<String, ConsentRecord>> {

    private final String recordTable;
    private final ShardTable shardTable;

    AppendCheck(String recordTable, ShardTable shardTable) {
        this.recordTable = recordTable;
        this.shardTable = shardTable;
    }

    @Override
    public boolean committed(Connection c, Map<String, ConsentRecord> group) throws SQLException {
        TreeMap<Integer, Integer> shards = new TreeMap<>();
        group.values().forEach(r -> shards.merge(r.shard(), 1, Integer::sum));
        for (int shard : shards.keySet()) {
            shardTable.lock(c, shard, Transactions.CHECK_TIMEOUT_SECONDS);
        }
        int found = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT record_id FROM " + recordTable + " WHERE shard = ? AND seq = ?")) {
            ps.setQueryTimeout(Transactions.CHECK_TIMEOUT_SECONDS);
            for (ConsentRecord r : group.values()) {
                ps.setInt(1, r.shard());
                ps.setLong(2, r.sequence());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && r.recordId().equals(rs.getString(1).strip())) {
                        found++;
                    }
                }
            }
        }
        if (found != 0 && found != group.size()) {
            throw new SQLException("consent ledger: " + found + " of the " + group.size() + " records of one transaction are stored");
        }
        return found == group.size();
    }
}
