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
 * <p>No append waits for ever: a shard left out {@value #MAX_PASSES} times in a row is waited for by the next
 * transaction that writes it. Those waits come first, in ascending shard order, before any lock is taken by skipping;
 * a transaction that could take no head at all waits for its lowest shard, holding nothing, and then skips as before.
 * So a transaction waits only while it holds no head above the one it waits for, and no deadlock can arise. Used only where the database has {@code FOR UPDATE SKIP LOCKED}
 * ({@link #supported}); elsewhere, and for {@code appendAll}, every head is locked, waiting.
 */
final class HeadLocks {

    /** How many transactions in a row may leave a shard out before the next one waits for it. */
    static final int MAX_PASSES = 3;

    private final ShardTable shardTable;
    /** How many transactions in a row left each shard out. */
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
     * Locks the heads of the given shards that can be had: those left out {@value #MAX_PASSES} times (waiting for
     * them), then the others that no transaction holds; if that is none, the lowest shard (waiting) and then the others
     * that are free. Returns the locked heads, never none; the shards not in it were left out.
     */
    Map<Integer, ShardTable.Head> lock(Connection c, Collection<Integer> shards) throws SQLException {
        Map<Integer, ShardTable.Head> heads = new TreeMap<>();
        TreeSet<Integer> others = new TreeSet<>();
        for (int shard : new TreeSet<>(shards)) {
            if (passedOver.get(shard) >= MAX_PASSES) {
                heads.put(shard, shardTable.lock(c, shard));
            } else {
                others.add(shard);
            }
        }
        if (!others.isEmpty()) {
            heads.putAll(shardTable.lockUnlessLocked(c, others));
        }
        if (heads.isEmpty()) {
            int lowest = others.pollFirst();
            heads.put(lowest, shardTable.lock(c, lowest));
            if (!others.isEmpty()) {
                heads.putAll(shardTable.lockUnlessLocked(c, others));
            }
        }
        for (int shard : shards) {
            if (heads.containsKey(shard)) {
                passedOver.set(shard, 0);
            } else {
                passedOver.incrementAndGet(shard);
            }
        }
        return heads;
    }
}
