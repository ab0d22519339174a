package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.LedgerException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Gets the ledger's connections, and fails fast while the database is known to be unreachable, so that request
 * threads do not each wait a connect timeout (a pool's is often 30 s) for a database that is down.
 *
 * <p>After a failed {@code getConnection()}, every caller fails at once with a {@link LedgerException} for a back-off
 * window (1 s, doubling after each failed retry up to 30 s, measured on the ledger's clock). After the window, one
 * caller tries again (the others keep failing at once while it connects); its success ends the failure and resets the
 * back-off. Failures of an open connection (a statement, a commit) do not open the window: the next call connects anew.
 */
final class ConnectionGate {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final DataSource dataSource;
    private final Clock clock;
    private boolean failing;
    private boolean probing;
    private Instant retryAt = Instant.MIN;
    private Duration backoff = FIRST_BACKOFF;
    private SQLException lastFailure;

    ConnectionGate(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * A connection, or a {@link LedgerException} at once while the database is known to be down.
     *
     * @throws LedgerException if the database is unreachable, now or recently
     */
    Connection connect() {
        boolean probe;
        synchronized (this) {
            probe = failing;
            if (failing) {
                if (probing) {
                    throw new LedgerException("consent ledger database is unavailable: another thread is trying to reach it"
                            + " after a failure (" + lastFailure.getMessage() + "); nothing was written", lastFailure);
                }
                Instant now = clock.instant();
                if (now.isBefore(retryAt)) {
                    throw new LedgerException("consent ledger database is unavailable: the last attempt to reach it failed ("
                            + lastFailure.getMessage() + "); the next is made in " + Duration.between(now, retryAt).toMillis()
                            + " ms; nothing was written", lastFailure);
                }
                probing = true;
            }
        }
        Connection c;
        try {
            c = dataSource.getConnection();
            if (c == null) {
                throw new SQLException("the DataSource returned no connection", "08001");
            }
        } catch (SQLException e) {
            failed(e, probe);
            throw new LedgerException("consent ledger database is unavailable: cannot get a connection (" + e.getMessage() + ")", e);
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                if (probe) {
                    probing = false;
                }
            }
            throw e;
        }
        synchronized (this) {
            failing = false;
            probing = false;
            backoff = FIRST_BACKOFF;
        }
        return c;
    }

    private synchronized void failed(SQLException e, boolean probe) {
        if (failing && !probe) {
            return; // a call that started before the failure was known: the window is already open
        }
        failing = true;
        probing = false;
        lastFailure = e;
        retryAt = clock.instant().plus(backoff);
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }

    /** Whether a failure says the database cannot be reached (rather than that a statement failed). */
    static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return e instanceof java.sql.SQLTransientConnectionException || e instanceof java.sql.SQLNonTransientConnectionException
                || (state != null && state.startsWith("08")) || "90067".equals(state) || "90121".equals(state) || "90098".equals(state);
    }
}
