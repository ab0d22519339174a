package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.spi.LedgerChain;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * What differs between the SQL databases the JDBC ledger runs on, in one place: chosen from the connection's metadata
 * ({@link #of(Connection)}), once, when the ledger first reaches its database. Everything else the ledger sends is the
 * same text on every database: {@code SELECT ... FOR UPDATE}, {@code ORDER BY ... LIMIT ?}, batched inserts and
 * updates, unquoted lower-case identifiers. It needs no upsert: a row another instance inserted first (a shard's
 * genesis row, the schema row) fails the insert, and the ledger then reads what is there.
 *
 * <ul>
 *   <li>{@link #STANDARD}, H2 2.x and PostgreSQL 12+: instants in {@code TIMESTAMP WITH TIME ZONE}, bound and read as
 *       {@link OffsetDateTime}s in UTC; the DDL in {@code db/samtykke}.</li>
 *   <li>{@link #MARIADB}, MariaDB 10.5+ and MySQL 8.0+: no column type keeps an offset ({@code TIMESTAMP} converts to
 *       and from the session's time zone, and ends in 2038), so instants are in {@code DATETIME(6)}, always written and
 *       read as UTC wall-clock times ({@link LocalDateTime}, which the drivers pass through unconverted), whatever the
 *       server's or the session's time zone; the DDL in {@code db/samtykke-mariadb} ({@code TEXT} for the unbounded
 *       {@code VARCHAR}, indexes declared in {@code CREATE TABLE IF NOT EXISTS}, InnoDB, the binary collation
 *       {@code utf8mb4_bin} so that subject ids compare exactly).</li>
 * </ul>
 *
 * <p>DDL is transactional in H2 and PostgreSQL but not in MariaDB (each statement commits on its own); the ledger
 * relies on neither: every DDL statement is idempotent, runs outside a transaction, and the schema row is written last.
 */
enum SqlDialect {

    /** H2 and PostgreSQL. */
    STANDARD("/db/samtykke/", JdbcConsentLedger.FLYWAY_LOCATION) {
        @Override
        Object value(Instant instant) {
            return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        }

        @Override
        Instant instant(ResultSet rs, String column) throws SQLException {
            OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        }
    },

    /** MariaDB and MySQL. */
    MARIADB("/db/samtykke-mariadb/", JdbcConsentLedger.FLYWAY_LOCATION_MARIADB) {
        @Override
        Object value(Instant instant) {
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }

        @Override
        Instant instant(ResultSet rs, String column) throws SQLException {
            LocalDateTime t = rs.getObject(column, LocalDateTime.class);
            return t == null ? null : t.toInstant(ZoneOffset.UTC);
        }
    };

    /** MariaDB's and MySQL's error code for a lock wait that timed out (SQLState HY000): the statement was rolled back. */
    private static final int MYSQL_LOCK_WAIT_TIMEOUT = 1205;

    private final String folder;
    private final String flywayLocation;

    SqlDialect(String folder, String flywayLocation) {
        this.folder = folder;
        this.flywayLocation = flywayLocation;
    }

    /**
     * The dialect of the database behind a connection, by its product name: {@code MariaDB} and {@code MySQL} (either
     * driver) are {@link #MARIADB}; anything else is {@link #STANDARD}.
     */
    static SqlDialect of(Connection c) throws SQLException {
        return of(c.getMetaData());
    }

    static SqlDialect of(DatabaseMetaData metaData) throws SQLException {
        String product = String.valueOf(metaData.getDatabaseProductName()).toLowerCase(Locale.ROOT);
        return product.contains("mariadb") || product.contains("mysql") ? MARIADB : STANDARD;
    }

    /** The classpath folder of this dialect's migrations, e.g. {@code /db/samtykke/}. */
    String folder() {
        return folder;
    }

    /** The Flyway location of this dialect's migrations. */
    String flywayLocation() {
        return flywayLocation;
    }

    /**
     * An instant as this dialect stores it (UTC, at the precision of {@link LedgerChain#stored}), for
     * {@link PreparedStatement#setObject(int, Object)}.
     */
    final Object time(Instant instant) {
        return value(LedgerChain.stored(instant));
    }

    abstract Object value(Instant stored);

    /** A stored instant, or {@code null}. */
    abstract Instant instant(ResultSet rs, String column) throws SQLException;

    /**
     * Whether the database rolled a transaction (or, for MariaDB's lock wait timeout, its statement) back for a conflict
     * with another one, so that running it again may succeed: serialisation failure {@code 40001} (MariaDB's and
     * H2's deadlock too), PostgreSQL's deadlock {@code 40P01}, MariaDB's lock wait timeout (error 1205).
     */
    static boolean isConflict(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state)
                || ("HY000".equals(state) && e.getErrorCode() == MYSQL_LOCK_WAIT_TIMEOUT);
    }
}
