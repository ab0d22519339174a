package dev.samtykke.core.ledger.jdbc;

import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A schema of its own on the PostgreSQL test server, and a pool whose connections use it; for the PostgreSQL tests. */
public final class PostgresTestSchemas {

    private PostgresTestSchemas() {
    }

    /**
     * Creates a schema and a pool (20 connections) on it.
     *
     * @param url the server's JDBC URL
     * @param schema the new schema's name
     * @return the pool
     * @throws SQLException if the server refuses
     */
    public static JdbcConnectionPool create(String url, String schema) throws SQLException {
        PGConnectionPoolDataSource setup = new PGConnectionPoolDataSource();
        setup.setURL(url);
        try (Connection c = setup.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
        source.setURL(url);
        source.setCurrentSchema(schema);
        JdbcConnectionPool pool = JdbcConnectionPool.create(source);
        pool.setMaxConnections(20);
        return pool;
    }

    /**
     * Drops a schema made by {@link #create} with everything in it and closes its pool; nothing when the pool is
     * {@code null} (the tests were skipped).
     *
     * @param pool the pool
     * @param schema the schema
     * @throws SQLException if the server refuses
     */
    public static void drop(JdbcConnectionPool pool, String schema) throws SQLException {
        if (pool == null) {
            return;
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        } finally {
            pool.dispose();
        }
    }
}
