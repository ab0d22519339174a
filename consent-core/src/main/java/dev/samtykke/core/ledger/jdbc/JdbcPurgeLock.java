package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.LedgerException;
import dev.samtykke.core.ledger.PurgeLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link PurgeLock} of a {@link JdbcConsentLedger}, shared by every instance on its database: a lock held by one
 * database session, on a connection of its own for as long as the purge runs, so that it ends with the session. If the
 * instance holding it dies, its connection closes and the database releases the lock; no lease needs to expire.
 *
 * <ul>
 *   <li>PostgreSQL: a session-level advisory lock, {@code pg_try_advisory_lock(key1, hashtext(current_schema() || '.' || name))},
 *       on a connection in auto-commit (no transaction stays open, so vacuum is not held back);</li>
 *   <li>MariaDB and MySQL: {@code GET_LOCK(name, 0)}, the name made of the database and the tables' prefix;</li>
 *   <li>H2 (and any other database): the row of {@code ledger_meta}, locked with {@code SELECT … FOR UPDATE NOWAIT} in a
 *       transaction that the lock keeps open and rolls back when released.</li>
 * </ul>
 *
 * <p>Each needs one connection besides those the purge uses: a pool of one connection would make the purge wait for
 * ever. The name is the ledger's table prefix, so that two ledgers in one database (or two schemas of one PostgreSQL
 * database) do not share a lock.
 */
public final class JdbcPurgeLock implements PurgeLock {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcPurgeLock.class);
    /** The first key of the PostgreSQL advisory lock: "SAMT" in ASCII. */
    private static final int PG_KEY = 0x53414d54;

    private final DataSource dataSource;
    private final String prefix;

    /**
     * The purge lock of the ledger with these tables.
     *
     * @param dataSource the ledger's database
     * @param tablePrefix the ledger's table prefix ({@link JdbcConsentLedger#tablePrefix()})
     */
    public JdbcPurgeLock(DataSource dataSource, String tablePrefix) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        JdbcConsentLedger.requireTablePrefix(tablePrefix);
        this.prefix = tablePrefix;
    }

    /**
     * The purge lock of this ledger.
     *
     * @param dataSource the ledger's database
     * @param ledger the ledger
     * @return its lock
     */
    public static JdbcPurgeLock of(DataSource dataSource, JdbcConsentLedger ledger) {
        return new JdbcPurgeLock(dataSource, ledger.tablePrefix());
    }

    @Override
    public Optional<Held> tryAcquire() {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw new LedgerException("consent ledger database is unavailable: could not take the purge lock (" + e + ")", e);
        }
        try {
            Kind kind = Kind.of(c.getMetaData().getDatabaseProductName());
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(kind != Kind.ROW);
            if (kind.acquire(c, prefix)) {
                return Optional.of(new Lease(c, kind, prefix, autoCommit));
            }
            restore(c, kind, autoCommit);
            c.close();
            return Optional.empty();
        } catch (SQLException | RuntimeException e) {
            discard(c);
            throw new LedgerException("consent ledger: could not take the purge lock (" + e + ")", e);
        }
    }

    private static void restore(Connection c, Kind kind, boolean autoCommit) throws SQLException {
        if (kind == Kind.ROW) {
            c.rollback();
        }
        c.setAutoCommit(autoCommit);
    }

    /** Ends a connection whose lock state is unknown: aborted, so that a pool does not hand out a session holding the lock. */
    private static void discard(Connection c) {
        try {
            c.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("could not abort the purge lock's connection", e);
        }
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("could not close the purge lock's connection", e);
        }
    }

    @Override
    public String toString() {
        return "JdbcPurgeLock[" + prefix + "ledger_*]";
    }

    /** A held lock: its connection, released once. */
    private static final class Lease implements Held {
        private final Connection c;
        private final Kind kind;
        private final String prefix;
        private final boolean autoCommit;
        private boolean released;

        Lease(Connection c, Kind kind, String prefix, boolean autoCommit) {
            this.c = c;
            this.kind = kind;
            this.prefix = prefix;
            this.autoCommit = autoCommit;
        }

        @Override
        public synchronized void close() {
            if (released) {
                return;
            }
            released = true;
            try {
                kind.release(c, prefix);
                restore(c, kind, autoCommit);
                c.close();
            } catch (SQLException | RuntimeException e) {
                LOG.warn("Consent ledger: the purge lock could not be released ({}); its connection is closed, which ends it", e.toString());
                discard(c);
            }
        }
    }

    /** How a database locks. */
    private enum Kind {
        ADVISORY {
            @Override
            boolean acquire(Connection c, String prefix) throws SQLException {
                return flag(c, "SELECT pg_try_advisory_lock(?, hashtext(current_schema() || '.' || ?))", prefix);
            }

            @Override
            void release(Connection c, String prefix) throws SQLException {
                if (!flag(c, "SELECT pg_advisory_unlock(?, hashtext(current_schema() || '.' || ?))", prefix)) {
                    throw new SQLException("the session no longer held the advisory lock");
                }
            }

            private boolean flag(Connection c, String sql, String prefix) throws SQLException {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setInt(1, PG_KEY);
                    ps.setString(2, prefix + "ledger_purge");
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() && rs.getBoolean(1);
                    }
                }
            }
        },
        NAMED {
            private static final String NAME = "CONCAT('samtykke.', SHA1(CONCAT(IFNULL(DATABASE(), ''), '.', ?)))";

            @Override
            boolean acquire(Connection c, String prefix) throws SQLException {
                try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(" + NAME + ", 0)")) {
                    ps.setString(1, prefix + "ledger_purge");
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return false;
                        }
                        int got = rs.getInt(1);
                        if (rs.wasNull()) {
                            throw new SQLException("GET_LOCK answered NULL");
                        }
                        return got == 1;
                    }
                }
            }

            @Override
            void release(Connection c, String prefix) throws SQLException {
                try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(" + NAME + ")")) {
                    ps.setString(1, prefix + "ledger_purge");
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || rs.getInt(1) != 1) {
                            throw new SQLException("the session no longer held the named lock");
                        }
                    }
                }
            }
        },
        ROW {
            @Override
            boolean acquire(Connection c, String prefix) throws SQLException {
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + prefix + "ledger_meta WHERE id = 1 FOR UPDATE NOWAIT");
                     ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new LedgerException("consent ledger: " + prefix + "ledger_meta has no schema row to lock");
                    }
                    return true;
                } catch (SQLException e) {
                    if (isLockTimeout(e)) {
                        c.rollback();
                        return false;
                    }
                    throw e;
                }
            }

            @Override
            void release(Connection c, String prefix) {
                // the rollback in restore() ends the transaction and its row lock
            }

            /** H2's lock timeout ({@code HYT00}), PostgreSQL's {@code 55P03}, MariaDB's 1205 and MySQL's 3572. */
            private boolean isLockTimeout(SQLException e) {
                String state = e.getSQLState();
                return "HYT00".equals(state) || "55P03".equals(state) || e.getErrorCode() == 1205 || e.getErrorCode() == 3572;
            }
        };

        abstract boolean acquire(Connection c, String prefix) throws SQLException;

        abstract void release(Connection c, String prefix) throws SQLException;

        static Kind of(String product) {
            String p = String.valueOf(product).toLowerCase(Locale.ROOT);
            if (p.contains("postgresql")) {
                return ADVISORY;
            }
            return p.contains("mariadb") || p.contains("mysql") ? NAMED : ROW;
        }
    }
}
