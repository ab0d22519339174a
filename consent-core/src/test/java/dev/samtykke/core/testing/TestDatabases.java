package dev.samtykke.core.testing;

import dev.samtykke.core.ledger.jdbc.MariaDbTestDatabases;
import dev.samtykke.core.ledger.jdbc.PostgresTestSchemas;
import org.h2.jdbcx.JdbcConnectionPool;

import java.sql.SQLException;

/**
 * The PostgreSQL and MariaDB test fixtures for the tests of other modules (whose test compilation sees this package,
 * not {@code dev.samtykke.core.ledger.jdbc}, which the library's module holds).
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    /**
     * A schema of its own on the PostgreSQL test server and a pool on it.
     *
     * @param url    the server's JDBC URL
     * @param schema the new schema's name
     * @return the pool
     * @throws SQLException if the server refuses
     */
    public static JdbcConnectionPool postgres(String url, String schema) throws SQLException {
        return PostgresTestSchemas.create(url, schema);
    }

    /**
     * Drops a schema made by {@link #postgres}; nothing when the pool is {@code null}.
     *
     * @param pool   the pool
     * @param schema the schema
     * @throws SQLException if the server refuses
     */
    public static void dropPostgres(JdbcConnectionPool pool, String schema) throws SQLException {
        PostgresTestSchemas.drop(pool, schema);
    }

    /**
     * A database of its own on the MariaDB test server (sessions in a time zone other than UTC) and a pool on it.
     *
     * @param url      the server's JDBC URL
     * @param database the new database's name
     * @return the pool
     * @throws SQLException if the server refuses
     */
    public static JdbcConnectionPool mariaDb(String url, String database) throws SQLException {
        return MariaDbTestDatabases.create(url, database);
    }

    /**
     * Drops a database made by {@link #mariaDb}; nothing when the pool is {@code null}.
     *
     * @param pool     the pool
     * @param database the database
     * @throws SQLException if the server refuses
     */
    public static void dropMariaDb(JdbcConnectionPool pool, String database) throws SQLException {
        MariaDbTestDatabases.drop(pool, database);
    }
}
