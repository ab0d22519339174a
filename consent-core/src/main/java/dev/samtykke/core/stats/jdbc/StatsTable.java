package dev.samtykke.core.stats.jdbc;

import dev.samtykke.core.ledger.LedgerException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates or checks the aggregate table from its migration script, {@link JdbcConsentStats#SCRIPT}. */
final class StatsTable {

    private StatsTable() {
    }

    /** Runs the migration's statements (idempotent: {@code CREATE TABLE IF NOT EXISTS}) with the table prefix. */
    static void create(Connection c, String prefix, StatsDialect dialect) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            for (String sql : statements(dialect.script(), prefix)) {
                s.execute(sql);
            }
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Fails with what to run when the table is missing. */
    static void check(Connection c, String table) {
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT stat_day, policy_version, locale, metric, item, n FROM " + table + " WHERE 1 = 0").close();
        } catch (SQLException e) {
            throw new LedgerException("consent counters: table " + table + " is missing or incomplete; run Samtykke's"
                    + " Flyway migrations (classpath:db/samtykke, version 3) or use schema management CREATE: " + e, e);
        }
    }

    /**
     * The script's statements with the placeholder {@code samtykke_prefix} replaced: lines starting with {@code --}
     * are comments, a line ending in a semicolon ends a statement (all the syntax the script uses).
     */
    static java.util.List<String> statements(String script, String prefix) {
        String text;
        try (InputStream in = StatsTable.class.getResourceAsStream(script)) {
            if (in == null) {
                throw new LedgerException("consent counters: " + script + " is missing from the classpath");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        text = text.replace("${samtykke_prefix}", prefix);
        java.util.List<String> statements = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        return statements;
    }
}
