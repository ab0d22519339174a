package dev.samtykke.core.ledger.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * How a lane's append transaction locks its shards' heads when several instances share the database: it takes the
 * heads no other transaction holds and leaves the rest to the lane's next transaction, instead of waiting for them.
 * So instances that meet on a shard pass each other by instead of queueing whole groups behind each other, and the
 * database decides, shard by shard, whose records come first.
 *
 * <p>No append waits for ever: a shard left out once is marked, and the next transaction that writes it waits for its
 * lock. Those waits come first, in ascending shard order, before any lock is taken by skipping, and a transaction that
 * got no head at all waits for them in ascending order holding nothing; so waits only ever go from lower shards to
 * higher ones, and no deadlock can arise. Used only where the database has {@code FOR UPDATE SKIP LOCKED}
 * ({@link #supported}); elsewhere, and for {@code appendAll}, every head is locked, waiting.
 */
final class HeadLocks {

    private final ShardTable shardTable;
    /** 1 for a shard left out by a transaction, until one locks it again. */
    private final AtomicIntegerArray passedOver;

    HeadLocks(ShardTable shardTable, int shards) {
        this.shardTable = shardTable;
        this.passedOver = new AtomicIntegerArray(shards);
    }

    /**
     * Whether the database can lock rows skipping those locked by others: PostgreSQL 9.5+, MariaDB 10.6+, MySQL 8.0+
     * (H2 and older versions lock every head, waiting).
     */
    static boolean supported(DatabaseMetaData metaData) throws SQLException {
        String product = String.valueOf(metaData.getDatabaseProductName()).toLowerCase(Locale.ROOT);
        int major = metaData.getDatabaseMajorVersion();
        int minor = metaData.getDatabaseMinorVersion();
        if (product.contains("postgresql")) {
            return major > 9 || major == 9 && minor >= 5;
        }
        if (product.contains("mariadb")) {
            return major > 10 || major == 10 && minor >= 6;
        }
        return product.contains("mysql") && major >= 8;
    }

    /**
     * Locks the heads of the given shards that can be had: those left out before (waiting for them), then the others
     * that no transaction holds; if that is none, all of them, waiting. Returns the locked heads; the shards not in it
     * were left out (and are marked, so that the next transaction waits for them).
     */
    Map<Integer, ShardTable.Head> lock(Connection c, Collection<Integer> shards) throws SQLException {
        Map<Integer, ShardTable.Head> heads = new TreeMap<>();
        TreeSet<Integer> others = new TreeSet<>();
        for (int shard : new TreeSet<>(shards)) {
            if (passedOver.get(shard) == 1) {
                heads.put(shard, shardTable.lock(c, shard));
            } else {
                others.add(shard);
            }
        }
        if (!others.isEmpty()) {
            heads.putAll(shardTable.lockUnlessLocked(c, others));
        }
        if (heads.isEmpty()) {
            for (int shard : others) {
                heads.put(shard, shardTable.lock(c, shard));
            }
        }
        for (int shard : shards) {
            passedOver.set(shard, heads.containsKey(shard) ? 0 : 1);
        }
        return heads;
    }
}
