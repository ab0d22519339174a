package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.LedgerException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * Samtykke's shipped Flyway migrations ({@value JdbcConsentLedger#FLYWAY_LOCATION} and
 * {@value JdbcConsentLedger#FLYWAY_LOCATION_MARIADB}), for the stores of other Samtykke modules that create their own
 * table from the very file Flyway runs (e.g. the privacy console's audit trail). The files stay inside this module;
 * this type hands out their statements, so that a store in another module needs no access to them.
 */
public final class SamtykkeMigrations {

    private SamtykkeMigrations() {
    }

    /**
     * Whether a database takes the MariaDB variant of the migrations.
     *
     * @param databaseProductName JDBC's {@code DatabaseMetaData.getDatabaseProductName()}
     * @return {@code true} for MariaDB and MySQL
     */
    public static boolean isMariaDb(String databaseProductName) {
        return "MariaDB".equalsIgnoreCase(databaseProductName) || "MySQL".equalsIgnoreCase(databaseProductName);
    }

    /**
     * The statements of one migration for a database, with the placeholder {@code samtykke_prefix} replaced.
     *
     * @param file                e.g. {@code V4__samtykke_console_audit.sql}
     * @param databaseProductName JDBC's product name: H2 and PostgreSQL take {@code db/samtykke}, MariaDB and MySQL
     *                            {@code db/samtykke-mariadb}; any other is refused
     * @param tablePrefix         the table prefix
     * @return the statements, without their semicolons, in order
     * @throws LedgerException if the database is not supported or the file is not one of the migrations
     */
    public static List<String> statements(String file, String databaseProductName, String tablePrefix) {
        if (!file.matches("V[0-9_]+__[a-z0-9_]+\\.sql")) {
            throw new LedgerException("not a Samtykke migration file name: " + file);
        }
        String folder;
        if (isMariaDb(databaseProductName)) {
            folder = SqlDialect.MARIADB.folder();
        } else if ("H2".equalsIgnoreCase(databaseProductName) || "PostgreSQL".equalsIgnoreCase(databaseProductName)) {
            folder = SqlDialect.STANDARD.folder();
        } else {
            throw new LedgerException("database " + databaseProductName
                    + " is not supported (H2, PostgreSQL, MariaDB and MySQL are)");
        }
        return SqlScript.load(folder + file, Map.of("samtykke_prefix", tablePrefix)).statements();
    }

    /**
     * Runs one migration's statements (each idempotent, {@code CREATE ... IF NOT EXISTS}) in auto-commit mode.
     *
     * @param c           the connection
     * @param file        the migration, as for {@link #statements}
     * @param tablePrefix the table prefix
     * @throws SQLException if the database refuses a statement
     */
    public static void run(Connection c, String file, String tablePrefix) throws SQLException {
        List<String> statements = statements(file, c.getMetaData().getDatabaseProductName(), tablePrefix);
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
