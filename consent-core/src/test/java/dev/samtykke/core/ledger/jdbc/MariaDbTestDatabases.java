package dev.samtykke.core.ledger.jdbc;

import org.h2.jdbcx.JdbcConnectionPool;

import java.sql.SQLException;

/** A database of its own on the MariaDB test server, for test classes outside this package. */
public final class MariaDbTestDatabases {

    private MariaDbTestDatabases() {
    }

    /**
     * Creates a database and a pool on it (sessions in {@link MariaDbConsentLedgerTest#SESSION_ZONE}).
     *
     * @param url the server's JDBC URL
     * @param database the new database's name
     * @return the pool
     * @throws SQLException if the server refuses
     */
    public static JdbcConnectionPool create(String url, String database) throws SQLException {
        return MariaDbConsentLedgerTest.createDatabase(url, database);
    }

    /**
     * Drops a database made by {@link #create} and closes its pool; nothing when the pool is {@code null}.
     *
     * @param pool the pool
     * @param database the database
     * @throws SQLException if the server refuses
     */
    public static void drop(JdbcConnectionPool pool, String database) throws SQLException {
        MariaDbConsentLedgerTest.dropDatabase(pool, database);
    }
}
