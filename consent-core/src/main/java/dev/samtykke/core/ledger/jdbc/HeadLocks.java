package dev.samtykke.core.ledger.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * How a lane's append transaction locks its shards' heads when several instances share the database: it takes the
 * heads no other transaction holds and leaves the rest to the lane's next transaction, instead of waiting for them.
 * So instances that meet on a shard pass each other by instead of queueing whole groups behind each other, and the
 * database decides, shard by shard, whose records come first.
 *
 * <p>No append waits for ever: a shard left out {@value #MAX_PASSES} times in a row is waited for by the next
 * transaction that writes it. Those waits come first, in ascending shard order, before any lock is taken by skipping;
 * a transaction that could take no head at all waits for its lowest shard, holding nothing, and then skips as before.
 * So a transaction waits only while it holds no head above the one it waits for, and no deadlock can arise.
 *
 * <p>Skipping costs a statement more than the compare-and-set of the heads an instance last wrote, so lanes skip only
 * while other writers are about: for {@value #CONTENDED_SECONDS} s after one was last {@link #met} (a compare-and-set
 * that found a head moved, a head held or moved since this instance wrote it). An instance alone keeps the
 * compare-and-set. Used only where the database has {@code FOR UPDATE SKIP LOCKED}
 * ({@link #supported}); elsewhere, and for {@code appendAll}, every head is locked, waiting.
 */
final class HeadLocks {

    /** How many transactions in a row may leave a shard out before the next one waits for it. */
    static final int MAX_PASSES = 3;

    /** How long after meeting another writer lanes go on skipping held heads. */
    static final int CONTENDED_SECONDS = 10;

    private final ShardTable shardTable;
    /** How many transactions in a row left each shard out. */
    private final AtomicIntegerArray passedOver;
    /** {@link System#nanoTime()} when another writer was last met. */
    private final AtomicLong lastMet;

    HeadLocks(ShardTable shardTable, int shards) {
        this.shardTable = shardTable;
        this.passedOver = new AtomicIntegerArray(shards);
        this.lastMet = new AtomicLong(System.nanoTime() - 2 * TimeUnit.SECONDS.toNanos(CONTENDED_SECONDS));
    }

    /** Notes that another writer moved or held a head this instance wanted. */
    void met() {
        lastMet.set(System.nanoTime());
    }

    /** Whether another writer was met in the last {@value #CONTENDED_SECONDS} s, so that lanes should skip held heads. */
    boolean contended() {
        return System.nanoTime() - lastMet.get() < TimeUnit.SECONDS.toNanos(CONTENDED_SECONDS);
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
     * that are free. Returns the locked heads, never none; the shards not in it were left out. Notes another writer as
     * {@link #met} if a shard was left out or a head is not the one {@code known} gives (this instance's last write).
     */
    Map<Integer, ShardTable.Head> lock(Connection c, Collection<Integer> shards, IntFunction<ShardTable.Head> known) throws SQLException {
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
        boolean met = false;
        for (int shard : shards) {
            ShardTable.Head head = heads.get(shard);
            if (head != null) {
                passedOver.set(shard, 0);
                met |= !head.equals(known.apply(shard));
            } else {
                passedOver.incrementAndGet(shard);
                met = true;
            }
        }
        if (met) {
            met();
        }
        return heads;
    }
}
