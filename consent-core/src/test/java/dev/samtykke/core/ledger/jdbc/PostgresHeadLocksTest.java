package dev.samtykke.core.ledger.jdbc;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How a lane's transaction locks shard heads that another instance may hold, on a real PostgreSQL: it skips a held
 * head, waits for it once it was skipped {@value HeadLocks#MAX_PASSES} times, and waits for its lowest shard when it
 * could take none. Another connection's open transaction plays the other instance.
 */
class PostgresHeadLocksTest {

    private static final String SCHEMA = "samtykke_headlocks_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static JdbcConnectionPool pool;
    private static ShardTable shardTable;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeAll
    static void connect() throws SQLException {
        String url = System.getenv(PostgresConsentLedgerTest.URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(), PostgresConsentLedgerTest.URL_VARIABLE
                + " is not set: the PostgreSQL head-lock tests are SKIPPED");
        pool = PostgresTestSchemas.create(url, SCHEMA);
        JdbcConsentLedger ledger = JdbcConsentLedger.builder(pool).tablePrefix("locks_").shards(4).build();
        shardTable = new ShardTable(ledger.tablePrefix());
        try (Connection c = pool.getConnection()) {
            assertThat(HeadLocks.supported(c.getMetaData())).isTrue();
        }
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        PostgresTestSchemas.drop(pool, SCHEMA);
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void skipsAHeldHeadUntilItWasSkippedMaxPassesTimesThenWaitsForIt() throws Exception {
        HeadLocks locks = new HeadLocks(shardTable, 4);
        try (Connection other = transaction()) {
            shardTable.lock(other, 1);
            for (int pass = 1; pass <= HeadLocks.MAX_PASSES; pass++) {
                try (Connection c = transaction()) {
                    assertThat(locks.lock(c, List.of(0, 1, 2), shard -> null).keySet()).as("pass %d", pass).containsExactly(0, 2);
                    c.rollback();
                }
            }
            Future<Map<Integer, ShardTable.Head>> waiting = threads.submit(() -> {
                try (Connection c = transaction()) {
                    Map<Integer, ShardTable.Head> heads = locks.lock(c, List.of(0, 1, 2), shard -> null);
                    c.rollback();
                    return heads;
                }
            });
            Thread.sleep(300);
            assertThat(waiting).as("waits for the shard it skipped %d times", HeadLocks.MAX_PASSES).isNotDone();
            other.commit();
            assertThat(waiting.get(30, TimeUnit.SECONDS).keySet()).containsExactly(0, 1, 2);
        }
        try (Connection c = transaction()) {
            assertThat(locks.lock(c, List.of(1), shard -> null).keySet()).as("a shard once taken may be skipped again").containsExactly(1);
            c.rollback();
        }
    }

    @Test
    void waitsForItsLowestShardWhenEveryHeadIsHeld() throws Exception {
        HeadLocks locks = new HeadLocks(shardTable, 4);
        try (Connection other = transaction()) {
            shardTable.lock(other, 2);
            shardTable.lock(other, 3);
            Future<Map<Integer, ShardTable.Head>> waiting = threads.submit(() -> {
                try (Connection c = transaction()) {
                    Map<Integer, ShardTable.Head> heads = locks.lock(c, List.of(3, 2), shard -> null);
                    c.rollback();
                    return heads;
                }
            });
            Thread.sleep(300);
            assertThat(waiting).as("nothing to take: waits instead of coming back empty").isNotDone();
            other.commit();
            assertThat(waiting.get(30, TimeUnit.SECONDS)).isNotEmpty().containsKey(2);
        }
    }

    @Test
    void skipsOnlyWhileAnotherWriterWasMetLately() throws Exception {
        HeadLocks locks = new HeadLocks(shardTable, 4);
        assertThat(locks.contended()).as("an instance alone keeps the compare-and-set").isFalse();
        Map<Integer, ShardTable.Head> heads;
        try (Connection c = transaction()) {
            heads = locks.lock(c, List.of(0), shard -> null);
            c.rollback();
        }
        assertThat(locks.contended()).as("a head other than the one this instance knows: someone else wrote it").isTrue();

        HeadLocks alone = new HeadLocks(shardTable, 4);
        try (Connection c = transaction()) {
            alone.lock(c, List.of(0), heads::get);
            c.rollback();
        }
        assertThat(alone.contended()).as("the head this instance last wrote, free: nobody else about").isFalse();
        try (Connection other = transaction(); Connection c = transaction()) {
            shardTable.lock(other, 3);
            alone.lock(c, List.of(0, 3), heads::get);
            c.rollback();
            other.rollback();
        }
        assertThat(alone.contended()).as("a head held by another transaction").isTrue();
    }

    private static Connection transaction() throws SQLException {
        Connection c = pool.getConnection();
        c.setAutoCommit(false);
        return c;
    }
}
