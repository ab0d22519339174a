package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.LedgerException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ledger's connections and transactions: each unit of work runs in one transaction on a connection from the
 * {@link ConnectionGate}, is committed or rolled back whole, and is retried a few times when the database rolled it
 * back for a deadlock or a serialisation conflict. Failures become {@link LedgerException}s that say whether the
 * database was unreachable (nothing was written) or the transaction was rolled back.
 */
final class Transactions {

    private static final int MAX_ATTEMPTS = 4;

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
     * Runs work in one transaction and commits, retrying a few times after a deadlock or serialisation conflict.
     *
     * @param what what the work does, for the failure's message ("append a consent record")
     * @throws LedgerException if it failed (rolled back) or the database is unreachable
     */
    <T> T run(String what, SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(what, work);
            } catch (LedgerException e) {
                if (attempt >= MAX_ATTEMPTS || !(e.getCause() instanceof SQLException sql) || !isConflict(sql)) {
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

    private <T> T runOnce(String what, SqlWork<T> work) {
        try (Connection c = gate.connect()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(autoCommit);
                } catch (SQLException ignored) {
                    // a broken connection: the pool discards it
                }
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static boolean isConflict(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
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
