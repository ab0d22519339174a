package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.LedgerVerification;
import dev.samtykke.core.ledger.VerificationProgress;
import dev.samtykke.core.ledger.spi.ChainEntry;
import dev.samtykke.core.ledger.spi.ChainVerifier;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Verification of a JDBC ledger: one repeatable-read, read-only transaction that reads the shards' heads and
 * checkpoints and the events, then streams the records in chain order (never all in memory) through a
 * {@link ChainVerifier}, shard after shard.
 */
final class VerificationScan {

    private static final int FETCH_SIZE = 1000;

    private final String recordTable;
    private final ShardTable shardTable;
    private final EventTable events;
    private final SqlDialect dialect;

    /** Whether rows at or before a shard's checkpoint are skipped: purged tombstones waiting for their partition's drop. */
    private final boolean skipBeforeCheckpoint;

    VerificationScan(String recordTable, ShardTable shardTable, EventTable events, SqlDialect dialect, boolean skipBeforeCheckpoint) {
        this.skipBeforeCheckpoint = skipBeforeCheckpoint;
        this.dialect = dialect;
        this.recordTable = recordTable;
        this.shardTable = shardTable;
        this.events = events;
    }

    /**
     * Verifies the shards 0 to {@code count - 1} on the connection, and leaves it as it found it (or broken);
     * {@code progress} hears the positions the shard table names, then (from the verifier) the positions checked.
     *
     * @throws SQLException if a read fails
     */
    LedgerVerification run(Connection c, int count, VerificationProgress progress) throws SQLException {
        int isolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        try {
            if (c.getMetaData().supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ)) {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            c.setReadOnly(true);
            ChainVerifier verifier = new ChainVerifier(count, progress);
            ShardTable.Bounds bounds = shardTable.bounds(c, count);
            progress.started(bounds.positions());
            Map<Integer, List<ChainEntry>> shardEvents = events.readAll(c);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = s.executeQuery(RecordColumns.select(recordTable) + " ORDER BY shard, seq")) {
                    Rows rows = new Rows(rs, dialect);
                    for (int shard = 0; shard < count; shard++) {
                        List<ChainEntry> own = shardEvents.getOrDefault(shard, List.of());
                        verifier.checkShard(shard, bounds.baseSeq()[shard], bounds.baseHash()[shard], bounds.headSeq()[shard],
                                bounds.headHash()[shard], own, MergedEntries.of(rows.shard(shard, skipBeforeCheckpoint ? bounds.baseSeq()[shard] : Long.MIN_VALUE), own.iterator()));
                    }
                    rows.skipRest();
                }
            } catch (UncheckedSqlException e) {
                throw e.getCause();
            }
            c.commit();
            return verifier.result();
        } finally {
            try {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
                c.setTransactionIsolation(isolation);
            } catch (SQLException ignored) {
                // a broken connection: the pool discards it; nothing was written, and the first failure is reported
            }
        }
    }

    /** Streams the query's rows shard by shard. */
    private static final class Rows {
        private final ResultSet rs;
        private final SqlDialect dialect;
        private ChainEntry pending;
        /** Whether the pending row holds no content at all (subject id and every content column null). */
        private boolean pendingEmpty;
        private boolean done;

        Rows(ResultSet rs, SqlDialect dialect) {
            this.rs = rs;
            this.dialect = dialect;
        }

        private ChainEntry peek() {
            if (pending == null && !done) {
                try {
                    if (rs.next()) {
                        pending = RecordColumns.readEntry(dialect, rs);
                        pendingEmpty = rs.getString("subject_id") == null && !RecordColumns.hasContent(rs);
                    } else {
                        done = true;
                    }
                } catch (SQLException e) {
                    throw new UncheckedSqlException(e);
                }
            }
            return pending;
        }

        /**
         * The rows of a shard, less the empty tombstones at or before {@code after}; a row there that holds content is
         * kept, and the verifier reports it as out of order (it is no part of the chain, and {@code latest} could see it).
         */
        Iterator<ChainEntry> shard(int shard, long after) {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    ChainEntry next = peek();
                    // rows of shards outside 0..count-1 sort before or after; those before are skipped here
                    while (next != null && (next.shard() < shard || next.shard() == shard && next.sequence() <= after
                            && pendingEmpty)) {
                        pending = null;
                        next = peek();
                    }
                    return next != null && next.shard() == shard;
                }

                @Override
                public ChainEntry next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    ChainEntry next = pending;
                    pending = null;
                    return next;
                }
            };
        }

        void skipRest() {
            while (peek() != null) {
                pending = null;
            }
        }
    }

    /** Carries a {@link SQLException} out of an iterator. */
    private static final class UncheckedSqlException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UncheckedSqlException(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
