package dev.samtykke.core.ledger.jdbc;

import org.h2.jdbcx.JdbcConnectionPool;

import org.mariadb.jdbc.MariaDbDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A database of its own on the MariaDB test server, for test classes outside this package. */
public final class MariaDbTestDatabases {

    /** The sessions' time zone: not UTC, so that a time written or read in the session's zone shows. */
    static final String SESSION_ZONE = "+09:00";

    private MariaDbTestDatabases() {
    }

    /**
     * Creates a database and a pool on it (sessions in {@link #SESSION_ZONE}).
     *
     * @param url the server's JDBC URL
     * @param database the new database's name
     * @return the pool
     * @throws SQLException if the server refuses
     */
    public static JdbcConnectionPool create(String url, String database) throws SQLException {
        MariaDbDataSource setup = new MariaDbDataSource(url);
        try (Connection c = setup.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        String onDatabase = url.replaceFirst("^(jdbc:(?:mariadb|mysql)://[^/?]+)(/[^?]*)?", "$1/" + database);
        MariaDbDataSource source = new MariaDbDataSource(onDatabase + (onDatabase.contains("?") ? "&" : "?")
                + "sessionVariables=time_zone='" + SESSION_ZONE + "'");
        JdbcConnectionPool created = JdbcConnectionPool.create(source);
        created.setMaxConnections(20);
        return created;
    }

    /**
     * Drops a database made by {@link #create} and closes its pool; nothing when the pool is {@code null}.
     *
     * @param pool the pool
     * @param database the database
     * @throws SQLException if the server refuses
     */
    public static void drop(JdbcConnectionPool pool, String database) throws SQLException {
        if (pool == null) {
            return;
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE " + database);
        } finally {
            pool.dispose();
        }
    }
}
