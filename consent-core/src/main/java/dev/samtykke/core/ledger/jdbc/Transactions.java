package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ledger's connections and transactions: each unit of work runs in one transaction on a connection from the
 * {@link ConnectionGate}, is committed or rolled back whole, and is retried a few times when the database rolled it
 * back for a deadlock or a serialisation conflict. Failures become {@link LedgerException}s that say whether the
 * database was unreachable (nothing was written) or the transaction was rolled back. A commit that fails on a lost
 * connection may have been written all the same: with a {@link CommitCheck} the transaction's writes are looked up on a
 * new connection before anything is answered.
 */
final class Transactions {

    private static final int MAX_ATTEMPTS = 4;

    /** Seconds a {@link CommitCheck} waits for a lock before the outcome counts as unknown. */
    static final int CHECK_TIMEOUT_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcConsentLedger.class);

    /**
     * Whether a transaction whose commit failed was written after all, asked on a new connection in a read-committed
     * transaction that is rolled back afterwards. It should first lock what the transaction locked (waiting at most
     * {@link #CHECK_TIMEOUT_SECONDS}), so that a commit still under way on the lost connection finishes first.
     */
    @FunctionalInterface
    interface CommitCheck<T> {
        boolean committed(Connection c, T result) throws SQLException;
    }

    /** Work on one connection inside a transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private final ConnectionGate gate;

    Transactions(ConnectionGate gate) {
        this.gate = gate;
    }

    /**
     * A connection for work outside {@link #run}, or a {@link LedgerException} at once while the database is known to be down.
     */
    Connection connect() {
        return gate.connect();
    }

    /**
     * Runs work in one transaction and commits, retrying a few times after a deadlock or serialisation conflict. A commit
     * that fails on a lost connection leaves its outcome unknown: the failure says so.
     *
     * @param what what the work does, for the failure's message ("append a consent record")
     * @throws LedgerException if it failed (rolled back) or the database is unreachable
     */
    <T> T run(String what, SqlWork<T> work) {
        return run(what, work, null);
    }

    /**
     * Runs work in one transaction and commits, as {@link #run(String, SqlWork)}; when the commit itself fails, asks the
     * database on a new connection whether the transaction was written (see {@link CommitCheck}), and answers with
     * what is true: the work's result if it was, the failure if it was not, a failure saying the outcome is unknown if
     * the database cannot be asked.
     *
     * @param check looks the work's writes up after a failed commit; {@code null} for none
     */
    <T> T run(String what, SqlWork<T> work, CommitCheck<? super T> check) {
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(what, work, check);
            } catch (OutcomeUnknown e) {
                throw e; // never retried: the first attempt may have been written
            } catch (LedgerException e) {
                if (attempt >= MAX_ATTEMPTS || !(e.getCause() instanceof SQLException sql) || !SqlDialect.isConflict(sql)) {
                    throw e;
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private <T> T runOnce(String what, SqlWork<T> work, CommitCheck<? super T> check) {
        T uncertain = null;
        SQLException commitFailure = null;
        try (Connection c = gate.connect()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                try {
                    c.commit();
                    return result;
                } catch (SQLException e) {
                    uncertain = result;
                    commitFailure = e;
                    rollbackQuietly(c, e);
                }
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                try {
                    c.setAutoCommit(autoCommit);
                } catch (SQLException ignored) {
                    // a broken connection: the pool discards it
                }
            }
        } catch (SQLException e) {
            if (commitFailure == null) {
                throw failure(what, e);
            }
            commitFailure.addSuppressed(e); // closing the connection whose commit failed
        }
        return resolve(what, uncertain, commitFailure, check);
    }

    private static void rollbackQuietly(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    /**
     * After a failed commit: a database that answered with an error rolled the transaction back, but a lost connection
     * leaves the outcome unknown, so the writes are looked up on a new connection (through the gate, so not while the
     * database is known to be down).
     */
    private <T> T resolve(String what, T result, SQLException commitFailure, CommitCheck<? super T> check) {
        if (check == null) {
            if (ConnectionGate.isConnectionFailure(commitFailure)) {
                throw new OutcomeUnknown(what, commitFailure, null);
            }
            throw failure(what, commitFailure);
        }
        boolean written;
        try (Connection c = gate.connect()) {
            written = lookUp(c, result, check);
        } catch (SQLException | LedgerException lookupFailure) {
            throw new OutcomeUnknown(what, commitFailure, lookupFailure);
        }
        if (written) {
            LOG.warn("Consent ledger: the commit to {} failed ({}), but the database holds what it wrote: answered as written",
                    what, commitFailure.toString());
            return result;
        }
        throw failure(what, commitFailure);
    }

    /** Runs a check in a read-committed transaction of its own, which it rolls back (it writes nothing). */
    private static <T> boolean lookUp(Connection c, T result, CommitCheck<? super T> check) throws SQLException {
        int isolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        try {
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            return check.committed(c, result);
        } finally {
            try {
                c.rollback();
                c.setAutoCommit(true);
                c.setTransactionIsolation(isolation);
            } catch (SQLException ignored) {
                // a broken connection: the pool discards it
            }
        }
    }

    /** A commit failed on a lost connection and the database could not be asked afterwards: it may have been written. */
    static final class OutcomeUnknown extends LedgerException {
        private static final long serialVersionUID = 1L;

        OutcomeUnknown(String what, SQLException commitFailure, Exception lookupFailure) {
            super("consent ledger database is unavailable: the connection failed while committing (could not " + what
                    + ", SQLState " + commitFailure.getSQLState() + ": " + commitFailure.getMessage() + "), and it is unknown whether"
                    + " it was written" + (lookupFailure == null ? "" : ": the database could not be asked afterwards ("
                    + lookupFailure.getMessage() + ")"), commitFailure);
            if (lookupFailure != null) {
                addSuppressed(lookupFailure);
            }
        }
    }

    /** The ledger's exception for a failed {@code what}: the database unreachable, or the transaction rolled back. */
    static LedgerException failure(String what, SQLException e) {
        if (ConnectionGate.isConnectionFailure(e)) {
            return new LedgerException("consent ledger database is unavailable: could not " + what
                    + " (SQLState " + e.getSQLState() + ": " + e.getMessage() + "); nothing was written", e);
        }
        return new LedgerException("consent ledger: could not " + what + " (SQLState " + e.getSQLState() + ": "
                + e.getMessage() + "); the transaction was rolled back", e);
    }
}
